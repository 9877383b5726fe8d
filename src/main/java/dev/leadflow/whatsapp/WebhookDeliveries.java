package dev.leadflow.whatsapp;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stored webhook deliveries. A row is claimed before it is processed: at insert by the worker it is handed
 * to, later by a sweeper with a conditional update on {@code attempts} (only one claimant can move it from
 * the value it read), which is safe with any number of nodes on any database; {@code for update skip
 * locked} only spares competing sweepers the wait.
 */
@Repository
class WebhookDeliveries {

    enum Outcome { PROCESSED, NOT_UNDERSTOOD, FAILED }

    /** A row taken for processing. */
    record Claimed(long id, int attempt, String body) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    WebhookDeliveries(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * One short insert. The row is stored as claimed (attempt 1) by the worker it is handed to, until
     * {@code sweepableAt}: if that worker has not finished by then (a crash, a full queue), the sweeper
     * takes it.
     */
    Claimed store(String body, Instant now, Instant sweepableAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into webhook_delivery (received_at, body, attempts, next_attempt_at) values (?, ?, 1, ?)")
                .params(utc(now), body, utc(sweepableAt))
                .update(key, "id");
        return new Claimed(key.getKeyAs(Number.class).longValue(), 1, body);
    }

    /**
     * Extends a stored row's claim for the worker it was handed to, when that worker comes late to it;
     * false when the sweeper took it meanwhile.
     */
    boolean extendFirstClaim(long id, Instant leaseEnd) {
        return jdbc.sql("""
                        update webhook_delivery set next_attempt_at = ?
                        where id = ? and attempts = 1 and outcome is null""")
                .params(utc(leaseEnd), id).update() == 1;
    }

    /** Takes up to {@code limit} due rows: never processed in time, left by a crashed node, or failed before. */
    List<Claimed> claimDue(Instant now, int limit, Instant leaseEnd) {
        List<long[]> claimed = transaction.execute(status -> {
            List<long[]> due = jdbc.sql("""
                            select id, attempts from webhook_delivery
                            where outcome is null and next_attempt_at <= ?
                            order by next_attempt_at, id
                            limit ?
                            for update skip locked""")
                    .params(utc(now), limit)
                    .query((rs, n) -> new long[] {rs.getLong("id"), rs.getInt("attempts")})
                    .list();
            List<long[]> taken = new ArrayList<>();
            for (long[] row : due) {
                int updated = jdbc.sql("""
                                update webhook_delivery set attempts = attempts + 1, next_attempt_at = ?
                                where id = ? and attempts = ? and outcome is null""")
                        .params(utc(leaseEnd), row[0], (int) row[1]).update();
                if (updated == 1) {
                    taken.add(new long[] {row[0], row[1] + 1});
                }
            }
            return taken;
        });
        return claimed.stream().map(row -> new Claimed(row[0], (int) row[1], body(row[0]))).toList();
    }

    void finish(long id, Outcome outcome, String error, Instant now) {
        jdbc.sql("update webhook_delivery set outcome = ?, processed_at = ?, error = ? where id = ?")
                .params(outcome.name(), utc(now), truncate(error), id).update();
    }

    /** Marks processed rows that are still open, by one statement. */
    void finishProcessed(List<Long> ids, Instant now) {
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        List<Object> params = new ArrayList<>(ids.size() + 1);
        params.add(utc(now));
        params.addAll(ids);
        jdbc.sql("update webhook_delivery set outcome = 'PROCESSED', processed_at = ?, error = null"
                        + " where outcome is null and id in (" + placeholders + ")")
                .params(params).update();
    }

    void retryLater(long id, String error, Instant nextAttemptAt) {
        jdbc.sql("update webhook_delivery set next_attempt_at = ?, error = ? where id = ? and outcome is null")
                .params(utc(nextAttemptAt), truncate(error), id).update();
    }

    /** Forgets processed deliveries older than the retention; not-understood and failed ones stay for ops. */
    int purgeProcessedBefore(Instant cutoff) {
        return jdbc.sql("delete from webhook_delivery where outcome = 'PROCESSED' and processed_at < ?")
                .param(utc(cutoff)).update();
    }

    private String body(long id) {
        return jdbc.sql("select body from webhook_delivery where id = ?").param(id).query(String.class).single();
    }

    static Duration backoff(int attempt) {
        Duration delay = Duration.ofSeconds(15).multipliedBy(1L << Math.min(attempt - 1, 8));
        return delay.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : delay;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}
