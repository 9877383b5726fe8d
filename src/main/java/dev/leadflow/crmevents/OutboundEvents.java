package dev.leadflow.crmevents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outbox: records an event in the caller's transaction, with one pending delivery per subscription that
 * wants it. If the caller's transaction rolls back, the event never existed; once it commits, the sender
 * delivers it whatever happens to this node.
 */
@Component
public class OutboundEvents {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    OutboundEvents(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Records one event; {@code data} is the event's own part of the body. */
    public void record(EventType type, String leadId, Instant occurredAt, Map<String, Object> data) {
        String eventId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant at = occurredAt == null ? now : occurredAt;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", type.wireName());
        body.put("occurredAt", at.toString());
        body.put("leadId", leadId);
        body.put("data", data);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into outbound_event (event_id, type, lead_id, occurred_at, recorded_at, body)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(eventId, type.wireName(), leadId, utc(at), utc(now), write(body))
                .update(key, "seq");
        long seq = key.getKeyAs(Number.class).longValue();
        Deliveries.insertPendingForSubscribers(jdbc, type, seq, orderKey(leadId, seq), now);
    }

    /**
     * The pull feed: events after the cursor, oldest first, up to the first young gap. Sequence numbers are
     * taken when a transaction inserts, not when it commits: a gap followed by an event recorded less than
     * {@code settle} ago may be an event still committing, and a reader that moved its cursor past it would
     * never see it. Older gaps are rolled back or erased events.
     */
    List<OutboundEvent> after(long cursor, int limit, Duration settle) {
        List<Stored> rows = jdbc.sql("""
                        select seq, event_id, type, lead_id, occurred_at, recorded_at, body from outbound_event
                        where seq > ? order by seq limit ?""")
                .params(cursor, limit)
                .query((rs, n) -> new Stored(new OutboundEvent(rs.getLong("seq"), rs.getString("event_id"),
                        rs.getString("type"), rs.getString("lead_id"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("body")),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant()))
                .list();
        return settled(cursor, rows, clock.instant().minus(settle));
    }

    record Stored(OutboundEvent event, Instant recordedAt) {
    }

    /** The rows up to the first gap whose next event was recorded after {@code settledBefore}. */
    static List<OutboundEvent> settled(long cursor, List<Stored> rows, Instant settledBefore) {
        List<OutboundEvent> page = new java.util.ArrayList<>();
        long previous = cursor;
        for (Stored row : rows) {
            if (row.event().seq() != previous + 1 && row.recordedAt().isAfter(settledBefore)) {
                break;
            }
            page.add(row.event());
            previous = row.event().seq();
        }
        return page;
    }

    /** Removes events older than the retention, and their deliveries. */
    int purgeBefore(Instant before) {
        jdbc.sql("""
                        delete from event_delivery where event_seq in
                        (select seq from outbound_event where recorded_at < ?)""")
                .param(utc(before)).update();
        return jdbc.sql("delete from outbound_event where recorded_at < ?").param(utc(before)).update();
    }

    /** Events of one lead keep their order for one subscription; events of no lead need none. */
    static String orderKey(String leadId, long seq) {
        return leadId != null ? "lead:" + leadId : "event:" + seq;
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an outbound event", e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
