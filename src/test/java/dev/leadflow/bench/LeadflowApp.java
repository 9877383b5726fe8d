package dev.leadflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Leadflow under test: the packaged jar in its own JVM, started and stopped by the benchmark. */
final class LeadflowApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String part;
    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final Http api;
    private Instant healthyAt;

    private LeadflowApp(String part, Process process, Path log, int port, String username, String password) {
        this.part = part;
        this.process = process;
        this.log = log;
        this.baseUrl = "http://127.0.0.1:" + port;
        this.api = new Http(baseUrl, username, password);
    }

    /**
     * @param part        which of the benchmark's runs this is (A, B), for logs and recordings
     * @param environment the whole environment of the JVM besides PATH and HOME: nothing leaks in from
     *                    the shell that runs the benchmark
     */
    static LeadflowApp start(String part, Path jar, List<String> jvmOptions, Map<String, String> environment, String username,
                             String password, Path log, Duration timeout) throws IOException {
        return start(part, jar, jvmOptions, environment, username, password, log, timeout, freePort());
    }

    /** On a given port: a restarted node is found where the old one was, by the CRM and by Meta. */
    static LeadflowApp start(String part, Path jar, List<String> jvmOptions, Map<String, String> environment, String username,
                             String password, Path log, Duration timeout, int port) throws IOException {
        return start(part, currentJava(), jar, jvmOptions, environment, username, password, log, timeout, port);
    }

    /** On another Java runtime than the benchmark's own ({@code java} is its launcher). */
    static LeadflowApp start(String part, String java, Path jar, List<String> jvmOptions,
                             Map<String, String> environment, String username, String password, Path log,
                             Duration timeout, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TZ"));
        env.putAll(environment);
        env.put("SERVER_PORT", String.valueOf(port));
        LeadflowApp app = new LeadflowApp(part, builder.start(), log, port, username, password);
        app.awaitHealthy(timeout);
        return app;
    }

    /** Which of the benchmark's Leadflow runs this is (A, B). */
    String part() {
        return part;
    }

    /** When the start-up was over. */
    Instant healthyAt() {
        return healthyAt;
    }

    long pid() {
        return process.pid();
    }

    Http api() {
        return api;
    }

    /** Without credentials, as Meta calls the webhook. */
    Http open() {
        return new Http(baseUrl, null, null);
    }

    /** Heap in use now (garbage included), from the actuator. */
    double heapUsedBytes() {
        return metric("jvm.memory.used?tag=area:heap", "VALUE");
    }

    /** Time spent in garbage collection pauses since the start. */
    double gcPauseSeconds() {
        return metric("jvm.gc.pause", "TOTAL_TIME");
    }

    /** A statistic (VALUE, COUNT, TOTAL_TIME, ...) of an actuator metric, summed over its tags; 0 when absent. */
    double metric(String name, String statistic) {
        Http.Answer answer = api.get("/actuator/metrics/" + name);
        if (!answer.ok()) {
            return 0;
        }
        try {
            for (var measurement : JSON.readTree(answer.body()).path("measurements")) {
                if (statistic.equals(measurement.path("statistic").asText())) {
                    return measurement.path("value").asDouble();
                }
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Heap still in use after a full collection: what the application really holds. */
    double liveHeapBytes() throws IOException, InterruptedException {
        Process gc = new ProcessBuilder("jcmd", String.valueOf(pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(60, TimeUnit.SECONDS);
        return heapUsedBytes();
    }

    long rssBytes() {
        return Machine.memoryBytes(pid(), "VmRSS");
    }

    private void awaitHealthy(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Leadflow stopped during start-up; see " + log + ":\n" + tail());
            }
            Http.Answer health = api.get("/actuator/health");
            if (health.ok() && health.body().contains("\"UP\"")) {
                healthyAt = Instant.now();
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        close();
        throw new IllegalStateException("Leadflow did not become healthy within " + timeout + "; see " + log);
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    static String currentJava() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The harness paces itself on the real clock (it is a program driving a server, not a unit test). */
    static void sleep(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Kills the JVM at once (SIGKILL): no shutdown hook runs, open transactions are lost, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    int port() {
        return Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1));
    }

    /** Stops the JVM as an operator would (SIGTERM, so a flight recording is written), forcibly after 60 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
