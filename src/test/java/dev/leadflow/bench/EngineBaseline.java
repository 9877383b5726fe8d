package dev.leadflow.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * The engine's own pace on this machine and database: instances of a one-step asynchronous no-op
 * process ({@code bench/processes/bench-noop.bpmn}) started through the REST API by concurrent clients,
 * timed until history shows them all completed.
 */
final class EngineBaseline {

    static final String PROCESS_KEY = "bench-noop";

    /**
     * @param starts            the start requests
     * @param seconds           from the first start request to the last instance completed
     * @param instancesPerSecond completed instances per second over {@code seconds}
     */
    record Result(int instances, int completed, Load.Result starts, double seconds, double instancesPerSecond) {
    }

    private EngineBaseline() {
    }

    static Result run(EngineRest engine, BenchDatabase database, String runId, int instances, int clients,
                      Duration stall) throws SQLException {
        long completedBefore = completed(database);
        long startedAt = System.currentTimeMillis();
        Load.Result starts = Load.run(instances, clients,
                i -> engine.start(PROCESS_KEY, runId + "-noop-" + i, Map.of()));
        long completed = Await.count(() -> completed(database) - completedBefore, instances, stall);
        long lastEnd = database.epochMillis("select max(end_time_) from act_hi_procinst where proc_def_key_ = ?",
                PROCESS_KEY);
        double seconds = (lastEnd - startedAt) / 1000.0;
        return new Result(instances, (int) completed, starts, Stats.round(seconds),
                Stats.perSecond(completed, seconds));
    }

    private static long completed(BenchDatabase database) throws SQLException {
        return database.number("select count(*) from act_hi_procinst where proc_def_key_ = ? and end_time_ is not null",
                PROCESS_KEY);
    }
}
