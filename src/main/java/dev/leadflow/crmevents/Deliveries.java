package dev.leadflow.crmevents;

import static dev.leadflow.crmevents.OutboundEvents.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pending and past deliveries. A delivery is claimed by a conditional update on its claim (only one node
 * can move an expired or absent claim), so any number of nodes on any database share the work, and the
 * claim of a node that died expires. Only the oldest pending delivery of a lead for a subscription is due:
 * a lead's events reach each receiver in the order they happened.
 */
@Repository
class Deliveries {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String GAVE_UP = "GAVE_UP";

    /** A claimed delivery with what it carries. */
    record Claimed(String subscriptionId, long seq, int attempts, Instant recordedAt, OutboundEvent event) {
    }

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static void insertPending(JdbcClient jdbc, String subscriptionId, long seq, String orderKey, Instant now) {
        jdbc.sql("""
                        insert into event_delivery (subscription_id, event_seq, order_key, status, attempts,
                                                    next_attempt_at)
                        values (?, ?, ?, 'PENDING', 0, ?)""")
                .params(subscriptionId, seq, orderKey, utc(now))
                .update();
    }

    /**
     * One pending delivery of the event per active subscription that wants its type, chosen by the insert
     * itself: no subscription is read for an event, and with none there is nothing more to do.
     */
    static void insertPendingForSubscribers(JdbcClient jdbc, EventType type, long seq, String orderKey, Instant now) {
        // typed placeholders: a select list gives the database no column to infer them from
        jdbc.sql("""
                        insert into event_delivery (subscription_id, event_seq, order_key, status, attempts,
                                                    next_attempt_at)
                        select id, cast(? as bigint), cast(? as varchar), 'PENDING', 0,
                            cast(? as timestamp with time zone)
                        from event_subscription
                        where active and (position(? in ',' || event_types || ',') > 0
                            or position(? in ',' || event_types || ',') > 0)""")
                .params(seq, orderKey, utc(now), "," + Subscriptions.ALL + ",", "," + type.wireName() + ",")
                .update();
    }

    /** Claims up to {@code limit} due deliveries for {@code node} until {@code leaseEnd}, oldest first. */
    List<Claimed> claimDue(Instant now, int limit, String node, Instant leaseEnd) {
        List<Object[]> due = jdbc.sql("""
                        select d.subscription_id, d.event_seq from event_delivery d
                        join event_subscription s on s.id = d.subscription_id
                        where d.status = 'PENDING' and d.next_attempt_at <= ?
                          and (d.claimed_until is null or d.claimed_until < ?)
                          and s.active and (s.retry_at is null or s.retry_at <= ?)
                          and not exists (select 1 from event_delivery e
                                          where e.subscription_id = d.subscription_id and e.order_key = d.order_key
                                            and e.status = 'PENDING' and e.event_seq < d.event_seq)
                        order by d.event_seq
                        limit ?""")
                .params(utc(now), utc(now), utc(now), limit)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)})
                .list();
        List<Claimed> claimed = new ArrayList<>();
        for (Object[] row : due) {
            int updated = jdbc.sql("""
                            update event_delivery set claimed_until = ?, claimed_by = ?
                            where subscription_id = ? and event_seq = ? and status = 'PENDING'
                              and (claimed_until is null or claimed_until < ?)""")
                    .params(utc(leaseEnd), node, row[0], row[1], utc(now)).update();
            if (updated == 1) {
                claimed.add(load((String) row[0], (Long) row[1]));
            }
        }
        return claimed;
    }

    private Claimed load(String subscriptionId, long seq) {
        return jdbc.sql("""
                        select d.attempts, e.seq, e.event_id, e.type, e.lead_id, e.occurred_at, e.recorded_at, e.body
                        from event_delivery d join outbound_event e on e.seq = d.event_seq
                        where d.subscription_id = ? and d.event_seq = ?""")
                .params(subscriptionId, seq)
                .query((rs, n) -> new Claimed(subscriptionId, seq, rs.getInt("attempts"),
                        Subscriptions.instant(rs, "recorded_at"),
                        new OutboundEvent(rs.getLong("seq"), rs.getString("event_id"), rs.getString("type"),
                                rs.getString("lead_id"), Subscriptions.instant(rs, "occurred_at"),
                                rs.getString("body"))))
                .single();
    }

    void delivered(Claimed delivery, Instant now) {
        jdbc.sql("""
                        update event_delivery set status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?,
                        claimed_until = null, claimed_by = null, last_error = null
                        where subscription_id = ? and event_seq = ?""")
                .params(utc(now), delivery.subscriptionId(), delivery.seq()).update();
    }

    /** A failed attempt: due again at {@code nextAttempt}, or given up. */
    void failed(Claimed delivery, Instant nextAttempt, boolean giveUp, String error) {
        jdbc.sql("""
                        update event_delivery set status = ?, attempts = attempts + 1, next_attempt_at = ?,
                        claimed_until = null, claimed_by = null, last_error = ?
                        where subscription_id = ? and event_seq = ?""")
                .params(giveUp ? GAVE_UP : PENDING, utc(nextAttempt), clip(error), delivery.subscriptionId(),
                        delivery.seq()).update();
    }

    /** Gives a claimed delivery back untried (its receiver failed meanwhile). */
    void release(Claimed delivery) {
        jdbc.sql("""
                        update event_delivery set claimed_until = null, claimed_by = null
                        where subscription_id = ? and event_seq = ? and status = 'PENDING'""")
                .params(delivery.subscriptionId(), delivery.seq()).update();
    }

    /**
     * Delivers the events from {@code fromSeq} to {@code toSeq} (inclusive) to the subscription again, in
     * order, whether they were delivered, given up or never meant for it.
     *
     * @return the deliveries queued
     */
    int replay(String subscriptionId, long fromSeq, long toSeq, Instant now) {
        jdbc.sql("""
                        update event_delivery set status = 'PENDING', next_attempt_at = ?, claimed_until = null,
                        claimed_by = null where subscription_id = ? and event_seq between ? and ?""")
                .params(utc(now), subscriptionId, fromSeq, toSeq).update();
        List<Object[]> missing = jdbc.sql("""
                        select e.seq, e.lead_id from outbound_event e where e.seq between ? and ?
                        and not exists (select 1 from event_delivery d
                                        where d.subscription_id = ? and d.event_seq = e.seq)""")
                .params(fromSeq, toSeq, subscriptionId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
        for (Object[] event : missing) {
            long seq = (Long) event[0];
            insertPending(jdbc, subscriptionId, seq, OutboundEvents.orderKey((String) event[1], seq), now);
        }
        return jdbc.sql("""
                        select count(*) from event_delivery where subscription_id = ? and event_seq between ? and ?""")
                .params(subscriptionId, fromSeq, toSeq).query(Integer.class).single();
    }

    /** Deliveries of the subscription per status. */
    Map<String, Integer> countsByStatus(String subscriptionId) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>(Map.of(PENDING, 0, DELIVERED, 0, GAVE_UP, 0));
        jdbc.sql("select status, count(*) from event_delivery where subscription_id = ? group by status")
                .param(subscriptionId)
                .query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        return counts;
    }

    static String clip(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}
