package dev.leadflow.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many reminders due at the same instant: one {@code bench-reminder} instance per existing lead, all
 * with the same due time, each sending through the real send step ({@code ${sendMessage}}, template
 * {@code welcome}, step {@code reminder}). The channel's rate limit must hold at the fake.
 */
final class TimerBurst {

    static final String PROCESS_KEY = "bench-reminder";

    /**
     * @param setupFinishedBeforeDue whether every instance was started before the due time (otherwise the
     *                               lateness figures include the start-up of the late ones)
     * @param drainSeconds           from the due time to the last reminder at the fake
     * @param minimumDrainSeconds    what the channel's rate allows at best
     * @param latenessMillis         from the due time to each reminder's arrival at the fake
     * @param peakPerRollingSecond   the most reminders the fake received within any one second
     * @param sendRetries            failed executions of the send jobs (each retried later)
     */
    record Result(int reminders, int channelRatePerSecond, String dueAt, Load.Result starts,
                  boolean setupFinishedBeforeDue, int sent, int missing, double drainSeconds,
                  double minimumDrainSeconds, Stats.Summary latenessMillis, int peakPerRollingSecond,
                  long sendRetries, long openIncidents) {
    }

    private TimerBurst() {
    }

    static Result run(EngineRest engine, BenchDatabase database, FakeCloudApi fake, List<String> leadIds,
                      int channelRatePerSecond, Duration dueIn, int clients, Duration stall) throws SQLException {
        Instant dueAt = Instant.now().plus(dueIn).truncatedTo(ChronoUnit.SECONDS);
        int receivedBefore = fake.received();
        long retriesBefore = sendRetries(database);
        Set<String> ours = Set.copyOf(leadIds);
        Load.Result starts = Load.run(leadIds.size(), clients,
                i -> engine.start(PROCESS_KEY, leadIds.get(i), Map.of("dueAt", dueAt.toString())));
        boolean beforeDue = Instant.now().isBefore(dueAt);

        Duration untilDue = Duration.between(Instant.now(), dueAt);
        Await.count(() -> (long) fake.received() - receivedBefore, leadIds.size(),
                stall.plus(untilDue.isNegative() ? Duration.ZERO : untilDue));
        List<FakeCloudApi.Receipt> received = fake.receipts(r -> r.flow().equals(PROCESS_KEY)
                && ours.contains(r.leadId()));
        long[] arrivals = received.stream().mapToLong(FakeCloudApi.Receipt::receivedAtEpochMillis).toArray();
        double[] lateness = received.stream()
                .mapToDouble(r -> r.receivedAtEpochMillis() - dueAt.toEpochMilli()).toArray();
        double drainSeconds = received.isEmpty() ? 0 : Stats.summarize(lateness).max() / 1000;
        int distinct = (int) received.stream().map(FakeCloudApi.Receipt::leadId).distinct().count();
        return new Result(leadIds.size(), channelRatePerSecond, dueAt.toString(), starts, beforeDue,
                received.size(), leadIds.size() - distinct, Stats.round(drainSeconds),
                Stats.round((double) leadIds.size() / channelRatePerSecond), Stats.summarize(lateness),
                Stats.peakInAnyWindow(arrivals, 1000), sendRetries(database) - retriesBefore,
                database.number("select count(*) from act_ru_incident"));
    }

    private static long sendRetries(BenchDatabase database) throws SQLException {
        return database.number("""
                select count(*) from act_hi_job_log
                where process_def_key_ = ? and job_state_ = 1""", PROCESS_KEY);
    }
}
