package dev.leadflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's own PostgreSQL database, read (never written) while Leadflow runs: sizes, row
 * counts, write statistics and the server processes that serve it.
 */
final class BenchDatabase implements AutoCloseable {

    /** Rows written, from pg_stat_user_tables; per table for the inserts. */
    record Writes(long inserted, long updated, long deleted, Map<String, Long> insertedByTable) {

        Writes minus(Writes before) {
            Map<String, Long> byTable = new TreeMap<>();
            insertedByTable.forEach((table, rows) -> {
                long delta = rows - before.insertedByTable.getOrDefault(table, 0L);
                if (delta > 0) {
                    byTable.put(table, delta);
                }
            });
            return new Writes(inserted - before.inserted, updated - before.updated, deleted - before.deleted, byTable);
        }
    }

    record TableSize(String table, double megabytes) {
    }

    private final Connection connection;

    BenchDatabase(String host, String database, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(url(host, database), user, password);
    }

    static String url(String host, String database) {
        return "jdbc:postgresql://" + host + ":5432/" + database;
    }

    /** Drops the database if it exists (closing its connections) and creates it empty. */
    static void recreate(String host, String database, String user, String password) throws SQLException {
        drop(host, database, user, password);
        try (Connection admin = DriverManager.getConnection(url(host, "postgres"), user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("create database \"" + database + "\"");
        }
    }

    static void drop(String host, String database, String user, String password) throws SQLException {
        try (Connection admin = DriverManager.getConnection(url(host, "postgres"), user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists \"" + database + "\" with (force)");
        }
    }

    String version() throws SQLException {
        return string("show server_version");
    }

    long sizeBytes() throws SQLException {
        return number("select pg_database_size(current_database())");
    }

    List<TableSize> largestTables(int limit) throws SQLException {
        List<TableSize> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select relname, pg_total_relation_size(relid) from pg_stat_user_tables
                order by 2 desc limit ?""")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(new TableSize(rows.getString(1), Stats.megabytes(rows.getLong(2))));
                }
            }
        }
        return tables;
    }

    /**
     * Cumulative writes. PostgreSQL publishes a backend's counts when it goes idle, up to 10 s late:
     * read them only after the application has been quiet that long.
     */
    Writes writes() throws SQLException {
        long inserted = 0;
        long updated = 0;
        long deleted = 0;
        Map<String, Long> byTable = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables")) {
            while (rows.next()) {
                byTable.put(rows.getString(1), rows.getLong(2));
                inserted += rows.getLong(2);
                updated += rows.getLong(3);
                deleted += rows.getLong(4);
            }
        }
        return new Writes(inserted, updated, deleted, byTable);
    }

    /** The server processes serving this database (Leadflow's pooled connections), for their CPU time. */
    List<Long> backendPids() throws SQLException {
        List<Long> pids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select pid from pg_stat_activity
                     where datname = current_database() and pid <> pg_backend_pid()""")) {
            while (rows.next()) {
                pids.add(rows.getLong(1));
            }
        }
        return pids;
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    long number(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = prepare(sql, parameters); ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    String string(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = prepare(sql, parameters); ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /**
     * A timestamp column as milliseconds since the epoch; 0 for none. Camunda writes local time without
     * zone: the driver reads it in this JVM's zone, which is Leadflow's (same machine, same TZ).
     */
    long epochMillis(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = prepare(sql, parameters); ResultSet rows = query.executeQuery()) {
            return rows.next() && rows.getTimestamp(1) != null ? rows.getTimestamp(1).getTime() : 0;
        }
    }

    /** Each row as its first two columns: a string key and a number of milliseconds since the epoch. */
    Map<String, Long> timestamps(String sql, Object... parameters) throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        try (PreparedStatement query = prepare(sql, parameters); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.put(rows.getString(1), rows.getTimestamp(2).getTime());
            }
        }
        return result;
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement query = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setObject(i + 1, parameters[i]);
        }
        return query;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
