package dev.leadflow.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;


/**
 * A PostgreSQL server of the test's own (initdb into a temporary folder, a free port), which an outage
 * drill may stop and start again without touching the machine's shared server. Needs the PostgreSQL
 * server binaries; under CI (CI=true) their absence fails the test rather than skipping it.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path binaries;
    private final Path data;
    private final int port;

    private PrivatePostgres(Path binaries, Path data, int port) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
    }

    public static PrivatePostgres start() {
        Path binaries = findBinaries();
        try {
            Path data = Files.createTempDirectory("leadflow-pg-");
            PrivatePostgres postgres = new PrivatePostgres(binaries, data, MissingService.freePort());
            postgres.asOwner("chown", "-R", "postgres", data.toString());
            postgres.run(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "-A", "trust", "--no-sync", "-E", "UTF8");
            postgres.startServer();
            return postgres;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare a private PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Stops at once, as a crash or a pulled plug would: open transactions are lost. */
    public void stopImmediately() {
        run(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    public void startServer() {
        run(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", data.resolve("log").toString(),
                "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=200", "start");
    }

    @Override
    public void close() {
        try {
            stopImmediately();
        } catch (RuntimeException alreadyStopped) {
            // nothing to stop
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary folder; the system cleans it eventually
        }
    }

    /** Runs a server command as the postgres user when the test runs as root (PostgreSQL refuses root). */
    private void run(String... command) {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        exec(full);
    }

    private void asOwner(String... command) {
        if ("root".equals(System.getProperty("user.name"))) {
            exec(List.of(command));
        }
    }

    private static void exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findBinaries() {
        File root = new File("/usr/lib/postgresql");
        File[] versions = root.listFiles();
        if (versions != null) {
            for (File version : versions) {
                if (new File(version, "bin/initdb").canExecute()) {
                    return version.toPath().resolve("bin");
                }
            }
        }
        String message = "PostgreSQL server binaries are not installed: the database outage drill cannot run";
        throw MissingService.cannotRun(message, null);
    }

}
