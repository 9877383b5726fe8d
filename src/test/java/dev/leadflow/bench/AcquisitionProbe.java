package dev.leadflow.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How late the job executor fires a timer: a few {@code bench-probe} instances whose timers fall due
 * one after the other; history tells when each fired.
 */
final class AcquisitionProbe {

    static final String PROCESS_KEY = "bench-probe";
    private static final Duration FIRST_DUE = Duration.ofSeconds(5);
    /** Longer than the job executor's longest idle wait (max-wait). */
    private static final Duration STALL = Duration.ofSeconds(120);

    /** @param latenessMillis from each timer's due time to its execution */
    record Result(int probes, int fired, Stats.Summary latenessMillis) {
    }

    private AcquisitionProbe() {
    }

    static Result run(EngineRest engine, BenchDatabase database, String tag, int probes, Duration spacing)
            throws SQLException {
        Map<String, Long> dueAt = new HashMap<>();
        Instant first = Instant.now().plus(FIRST_DUE);
        for (int i = 0; i < probes; i++) {
            String businessKey = tag + "-" + i;
            Instant due = first.plus(spacing.multipliedBy(i));
            Http.Answer answer = engine.start(PROCESS_KEY, businessKey, Map.of("dueAt", due.toString()));
            if (!answer.ok()) {
                throw new IllegalStateException("Cannot start a probe: " + answer.status() + " " + answer.body());
            }
            dueAt.put(businessKey, due.toEpochMilli());
        }
        String pattern = tag + "-%";
        Await.count(() -> database.number("""
                select count(*) from act_hi_procinst
                where proc_def_key_ = ? and business_key_ like ? and end_time_ is not null""",
                PROCESS_KEY, pattern), probes, STALL);
        Map<String, Long> firedAt = database.timestamps("""
                select p.business_key_, a.end_time_ from act_hi_actinst a
                join act_hi_procinst p on p.id_ = a.proc_inst_id_
                where p.proc_def_key_ = ? and p.business_key_ like ? and a.act_id_ = 'ProbeDue'
                  and a.end_time_ is not null""", PROCESS_KEY, pattern);
        List<Long> lateness = new ArrayList<>();
        firedAt.forEach((businessKey, fired) -> lateness.add(fired - dueAt.get(businessKey)));
        return new Result(probes, firedAt.size(), Stats.summarize(lateness));
    }
}
