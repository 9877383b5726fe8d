package dev.leadflow.support;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * PostgreSQL and Redis for the tests that need them: Testcontainers where a Docker engine runs, the
 * machine's own services otherwise. Under CI (CI=true) a missing service fails the test instead of
 * skipping it, so a green build always ran them.
 */
public final class ExternalServices {

    public record Endpoints(String jdbcUrl, String username, String password, String redisHost, int redisPort) {
    }

    private static Endpoints server;
    private static final java.util.Set<String> prepared = new java.util.HashSet<>();

    private ExternalServices() {
    }

    /**
     * Endpoints for a database of its own per purpose, emptied at its first use in the run ({@code it}, {@code cluster} ...), so Spring contexts
     * of different test classes never share an engine. On the machine's PostgreSQL the name is
     * {@code LEADFLOW_TEST_PG_DATABASE} (default: per checkout) plus the purpose.
     */
    public static synchronized Endpoints start(String purpose) {
        if (server == null) {
            server = dockerAvailable() ? containers() : local();
        }
        String database = env("LEADFLOW_TEST_PG_DATABASE",
                "leadflow_test_" + Integer.toHexString(System.getProperty("user.dir").hashCode() & 0xfffff))
                + "_" + purpose;
        if (prepared.add(database)) {
            // fresh for each run: an engine must not meet the jobs and migrations of an older checkout
            recreate(database);
        }
        return new Endpoints(server.jdbcUrl() + database, server.username(), server.password(), server.redisHost(),
                server.redisPort());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The server part of the URL only, as for the local services. */
    @SuppressWarnings("resource")
    private static Endpoints containers() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:15").withDatabaseName("leadflow_container");
        GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
        postgres.start();
        redis.start();
        String url = postgres.getJdbcUrl();
        return new Endpoints(url.substring(0, url.lastIndexOf('/') + 1), postgres.getUsername(), postgres.getPassword(),
                redis.getHost(), redis.getMappedPort(6379));
    }

    /** The server part of the URL only: {@link #start} appends the database. */
    private static Endpoints local() {
        String host = env("LEADFLOW_TEST_PG_HOST", "127.0.0.1");
        String redisHost = env("LEADFLOW_TEST_REDIS_HOST", "127.0.0.1");
        int redisPort = Integer.parseInt(env("LEADFLOW_TEST_REDIS_PORT", "6379"));
        requireReachable("PostgreSQL", host, 5432);
        requireReachable("Redis", redisHost, redisPort);
        return new Endpoints("jdbc:postgresql://" + host + ":5432/", env("LEADFLOW_TEST_PG_USER", "postgres"),
                env("LEADFLOW_TEST_PG_PASSWORD", ""), redisHost, redisPort);
    }

    private static void requireReachable(String service, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (Exception e) {
            String message = service + " is not reachable at " + host + ":" + port + " and no Docker engine runs";
            throw MissingService.cannotRun(message, e);
        }
    }

    private static void recreate(String database) {
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl() + "postgres", server.username(),
                server.password()); var statement = admin.createStatement()) {
            statement.execute("drop database if exists \"" + database + "\" with (force)");
            statement.execute("create database \"" + database + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database " + database, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
