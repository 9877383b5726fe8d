package dev.leadflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PostgreSQL's autovacuum, for a server that runs without it (a CI configuration may switch it off; no
 * production server does). Without it the engine's tables never shed their dead rows nor get statistics, and
 * the planner picks plans no production database would (a flow's variables read through an index of all
 * variables). Every {@code naptime} it applies autovacuum's default rules to each table of the benchmark's
 * database: {@code VACUUM (ANALYZE)} when the dead rows exceed 50 + 20 % of the live ones or the rows inserted
 * since the last vacuum 1,000 + 20 %, {@code ANALYZE} when the rows changed since the last analysis exceed
 * 50 + 10 %, at autovacuum's pace (a 2 ms pause per 200 cost units). Its connection serves that database, so
 * its CPU counts as PostgreSQL's.
 */
final class AutovacuumStandIn implements AutoCloseable {

    private final Connection connection;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong vacuums = new AtomicLong();
    private final AtomicLong analyses = new AtomicLong();

    private AutovacuumStandIn(Connection connection, long naptimeSeconds) throws SQLException {
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            // autovacuum's own pace (autovacuum_vacuum_cost_delay); a manual VACUUM runs unthrottled
            statement.execute("set vacuum_cost_delay = '2ms'");
        }
        schedule.scheduleWithFixedDelay(this::pass, naptimeSeconds, naptimeSeconds, TimeUnit.SECONDS);
    }

    /** Starts one when the server's autovacuum is off and {@code naptimeSeconds} is positive; null otherwise. */
    static AutovacuumStandIn startIfNeeded(String url, String user, String password, long naptimeSeconds)
            throws SQLException {
        if (naptimeSeconds <= 0) {
            return null;
        }
        Connection connection = DriverManager.getConnection(url, user, password);
        try (Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery("show autovacuum")) {
            setting.next();
            if ("on".equals(setting.getString(1))) {
                connection.close();
                return null;
            }
        }
        return new AutovacuumStandIn(connection, naptimeSeconds);
    }

    long vacuums() {
        return vacuums.get();
    }

    long analyses() {
        return analyses.get();
    }

    private void pass() {
        try (Statement statement = connection.createStatement()) {
            List<String> vacuum = new ArrayList<>();
            List<String> analyze = new ArrayList<>();
            try (ResultSet tables = statement.executeQuery("""
                    select relname,
                           n_dead_tup > 50 + 0.2 * n_live_tup or n_ins_since_vacuum > 1000 + 0.2 * n_live_tup,
                           n_mod_since_analyze > 50 + 0.1 * n_live_tup
                    from pg_stat_user_tables""")) {
                while (tables.next()) {
                    if (tables.getBoolean(2)) {
                        vacuum.add(tables.getString(1));
                    } else if (tables.getBoolean(3)) {
                        analyze.add(tables.getString(1));
                    }
                }
            }
            for (String table : vacuum) {
                statement.execute("vacuum (analyze) \"" + table + "\"");
                vacuums.incrementAndGet();
            }
            for (String table : analyze) {
                statement.execute("analyze \"" + table + "\"");
                analyses.incrementAndGet();
            }
        } catch (SQLException e) {
            System.err.println("autovacuum stand-in: " + e.getMessage());
        }
    }

    @Override
    public void close() throws SQLException {
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
