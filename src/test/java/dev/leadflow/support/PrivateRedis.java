package dev.leadflow.support;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.awaitility.Awaitility;

/**
 * A Redis server of the test's own, on a free port, that the test may stop and start again (an outage
 * drill must not take the machine's shared Redis away from other tests). Needs the redis-server binary;
 * under CI (CI=true) its absence fails the test rather than skipping it.
 */
public final class PrivateRedis implements AutoCloseable {

    private final int port;
    private Process process;

    private PrivateRedis(int port) {
        this.port = port;
    }

    public static PrivateRedis start() {
        String binary = findBinary();
        PrivateRedis redis = new PrivateRedis(MissingService.freePort());
        redis.startProcess(binary);
        return redis;
    }

    public int port() {
        return port;
    }

    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public void restart() {
        stop();
        startProcess(findBinary());
    }

    @Override
    public void close() {
        stop();
    }

    private void startProcess(String binary) {
        try {
            process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + binary, e);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::accepts);
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String findBinary() {
        for (String candidate : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        String message = "redis-server is not installed: the Redis outage drill cannot run";
        throw MissingService.cannotRun(message, null);
    }

}
