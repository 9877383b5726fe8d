package dev.leadflow.flow;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sends waiting for a job executor thread, cluster-wide: every send step runs as an asynchronous
 * continuation, so a queued send is such a job that is due, has retries left, is not suspended and is not
 * being run (unlocked, or its lock expired). Read straight from the engine's job table in one indexed query
 * ({@code JobAcquisitionIndexes}) for the gauges and the ops API: the queue's depth, and how long the oldest send
 * has been due, per priority lane ({@link SendPriorities}).
 */
@Component
public class SendQueue {

    private final JdbcClient jdbc;
    private final Clock clock;

    SendQueue(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One priority's queue: how many sends wait, and for how long the oldest has been due. */
    public record Lane(long priority, long depth, Duration oldestWait) {
    }

    /** The whole queue, highest priority first. */
    public record Backlog(long depth, Duration oldestWait, List<Lane> lanes) {
    }

    public Backlog now() {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        List<Lane> lanes = jdbc.sql("""
                        select PRIORITY_ as priority, count(*) as depth, min(coalesce(DUEDATE_, CREATE_TIME_)) as since
                        from ACT_RU_JOB
                        where HANDLER_TYPE_ = 'async-continuation' and RETRIES_ > 0 and SUSPENSION_STATE_ = 1
                          and (DUEDATE_ is null or DUEDATE_ <= ?) and (LOCK_EXP_TIME_ is null or LOCK_EXP_TIME_ < ?)
                        group by PRIORITY_ order by PRIORITY_ desc""")
                .params(at, at)
                .query((row, i) -> new Lane(row.getLong("priority"), row.getLong("depth"),
                        waitSince(row.getTimestamp("since"), now)))
                .list();
        long depth = lanes.stream().mapToLong(Lane::depth).sum();
        Duration oldest = lanes.stream().map(Lane::oldestWait).max(Duration::compareTo).orElse(Duration.ZERO);
        return new Backlog(depth, oldest, lanes);
    }

    private static Duration waitSince(Timestamp since, Instant now) {
        if (since == null) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(since.toInstant(), now);
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
