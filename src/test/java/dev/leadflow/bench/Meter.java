package dev.leadflow.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a phase cost: CPU seconds of Leadflow, of the PostgreSQL processes serving its database and of
 * the benchmark itself (all on the same cores), the peaks of Leadflow's heap, RSS and database
 * connections in use or awaited (sampled every second), the time spent waiting for a connection and in
 * garbage collection pauses, the job executor's acquisitions, and optionally the rows written.
 */
final class Meter implements AutoCloseable {

    /** PostgreSQL publishes a backend's write counts when it has been idle; 10 s at most (PGSTAT_IDLE_INTERVAL). */
    private static final Duration STATS_SETTLE = Duration.ofSeconds(11);

    record Usage(double seconds, double leadflowCpuSeconds, double postgresCpuSeconds, double benchmarkCpuSeconds,
                 double gcPauseSeconds, double peakHeapMb, double peakRssMb, int peakConnectionsActive,
                 int peakConnectionsAwaited, double connectionWaitSeconds, JobAcquisitions jobAcquisitions,
                 BenchDatabase.Writes writes) {
    }

    /** The job executor's queries that found due jobs, the idle ones, and the jobs they brought. */
    record JobAcquisitions(long findingJobs, long findingNone, long jobsAcquired) {

        static JobAcquisitions of(LeadflowApp app) {
            return new JobAcquisitions((long) app.metric(ACQUISITIONS + "?tag=found:jobs", "COUNT"),
                    (long) app.metric(ACQUISITIONS + "?tag=found:none", "COUNT"),
                    (long) app.metric("leadflow.jobs.acquired", "COUNT"));
        }

        JobAcquisitions minus(JobAcquisitions start) {
            return new JobAcquisitions(findingJobs - start.findingJobs, findingNone - start.findingNone,
                    jobsAcquired - start.jobsAcquired);
        }
    }

    private static final String ACQUISITIONS = "leadflow.jobs.acquisitions";

    /** Rows written per unit of work (message, instance), inserts per table included. */
    record RowsPerUnit(double inserted, double updated, double deleted, Map<String, Double> insertedByTable) {

        static RowsPerUnit of(BenchDatabase.Writes writes, long units) {
            if (writes == null || units == 0) {
                return null;
            }
            Map<String, Double> byTable = new java.util.TreeMap<>();
            writes.insertedByTable().forEach((table, rows) -> byTable.put(table, Stats.round((double) rows / units)));
            return new RowsPerUnit(Stats.round((double) writes.inserted() / units),
                    Stats.round((double) writes.updated() / units), Stats.round((double) writes.deleted() / units),
                    byTable);
        }
    }

    /** The state at the start of a phase. */
    final class Start {
        private final long nanos = System.nanoTime();
        private final double leadflowCpu = Machine.cpuSeconds(app.pid());
        private final Map<Long, Double> postgresCpu = postgresCpu();
        private final double benchmarkCpu = Machine.cpuSeconds(ProcessHandle.current().pid());
        private final double gcPause = app.gcPauseSeconds();
        private final double connectionWait = connectionWaitSeconds();
        private final JobAcquisitions acquisitions = JobAcquisitions.of(app);
        private final BenchDatabase.Writes writes;

        private Start(BenchDatabase.Writes writes) {
            this.writes = writes;
        }
    }

    private record Sample(long nanos, double heapBytes, long rssBytes, double connectionsActive,
                          double connectionsAwaited) {
    }

    private final LeadflowApp app;
    private final BenchDatabase database;
    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private BenchDatabase.Writes lastSettled;
    private long lastSettledNanos;

    Meter(LeadflowApp app, BenchDatabase database) {
        this.app = app;
        this.database = database;
        sampler.scheduleAtFixedRate(() -> samples.add(new Sample(System.nanoTime(), app.heapUsedBytes(),
                app.rssBytes(), app.metric("hikaricp.connections.active", "VALUE"),
                app.metric("hikaricp.connections.pending", "VALUE"))), 0, 1, TimeUnit.SECONDS);
    }

    /** @param countWrites whether to count rows written (waits for PostgreSQL's statistics at both ends) */
    Start start(boolean countWrites) throws SQLException {
        return new Start(countWrites ? settledWrites(true) : null);
    }

    Usage stop(Start start) throws SQLException {
        double seconds = (System.nanoTime() - start.nanos) / 1e9;
        double leadflowCpu = Machine.cpuSeconds(app.pid()) - start.leadflowCpu;
        double postgresCpu = postgresCpu().entrySet().stream()
                .mapToDouble(backend -> backend.getValue() - start.postgresCpu.getOrDefault(backend.getKey(), 0.0))
                .sum();
        double benchmarkCpu = Machine.cpuSeconds(ProcessHandle.current().pid()) - start.benchmarkCpu;
        double gcPause = app.gcPauseSeconds() - start.gcPause;
        double connectionWait = connectionWaitSeconds() - start.connectionWait;
        JobAcquisitions acquisitions = JobAcquisitions.of(app).minus(start.acquisitions);
        double peakHeap = 0;
        long peakRss = app.rssBytes();
        double peakActive = 0;
        double peakAwaited = 0;
        for (Sample sample : samples) {
            if (sample.nanos >= start.nanos) {
                peakHeap = Math.max(peakHeap, sample.heapBytes);
                peakRss = Math.max(peakRss, sample.rssBytes);
                peakActive = Math.max(peakActive, sample.connectionsActive);
                peakAwaited = Math.max(peakAwaited, sample.connectionsAwaited);
            }
        }
        BenchDatabase.Writes writes = start.writes == null ? null : settledWrites(false).minus(start.writes);
        return new Usage(Stats.round(seconds), Stats.round(leadflowCpu), Stats.round(postgresCpu),
                Stats.round(benchmarkCpu), Stats.round(gcPause), Stats.megabytes(peakHeap), Stats.megabytes(peakRss),
                (int) peakActive, (int) peakAwaited, Stats.round(connectionWait), acquisitions, writes);
    }

    /**
     * @param recentWillDo whether a reading settled at the end of the phase just before will do (nothing
     *                     ran in between: the phases run one after the other)
     */
    private BenchDatabase.Writes settledWrites(boolean recentWillDo) throws SQLException {
        boolean recent = lastSettled != null && System.nanoTime() - lastSettledNanos < Duration.ofSeconds(2).toNanos();
        if (!recentWillDo || !recent) {
            LeadflowApp.sleep(STATS_SETTLE);
            lastSettled = database.writes();
            lastSettledNanos = System.nanoTime();
        }
        return lastSettled;
    }

    private double connectionWaitSeconds() {
        return app.metric("hikaricp.connections.acquire", "TOTAL_TIME");
    }

    private Map<Long, Double> postgresCpu() {
        Map<Long, Double> cpu = new HashMap<>();
        try {
            List<Long> pids = database.backendPids();
            pids.forEach(pid -> cpu.put(pid, Machine.cpuSeconds(pid)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return cpu;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
