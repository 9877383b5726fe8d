package dev.leadflow.experiments;

import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A read model of when leads answered, for best-hour sending: the lead's own replies, or those of leads in
 * the same market (country calling code), source and status. Opt-out messages do not count as answers.
 */
@Repository
class ReplyHistory {

    /** Enough to learn a segment's week; more only costs time. */
    private static final int SEGMENT_SAMPLE = 20_000;

    private final JdbcTemplate jdbc;

    ReplyHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Profile(String source, String status) {
    }

    Optional<Profile> profileOf(String leadId) {
        return jdbc.query("select source, status from lead where lead_id = ?",
                (rs, row) -> new Profile(rs.getString(1), rs.getString(2)), leadId).stream().findFirst();
    }

    ReplyHours ofLead(String leadId, ZoneId zone, Instant since) {
        ReplyHours hours = new ReplyHours();
        jdbc.query("select occurred_at from inbound_message where lead_id = ? and opt_out = false"
                        + " and counts_as_reply = true and occurred_at >= ?",
                rs -> {
                    hours.count(rs.getTimestamp(1).toInstant(), zone);
                }, leadId, Timestamp.from(since));
        return hours;
    }

    /**
     * @param callingCodePrefix such as {@code +55}; source and status null for "any"
     * @param fallbackZone      for leads without a timezone of their own
     */
    ReplyHours ofSegment(String callingCodePrefix, String source, String status, ZoneId fallbackZone, Instant since) {
        ReplyHours hours = new ReplyHours();
        StringBuilder sql = new StringBuilder("select i.occurred_at, l.timezone from inbound_message i"
                + " join lead l on l.lead_id = i.lead_id where i.opt_out = false and i.counts_as_reply = true"
                + " and i.occurred_at >= ?"
                + " and l.phone like ?");
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(since),
                callingCodePrefix + "%"));
        if (source != null) {
            sql.append(" and l.source = ?");
            args.add(source);
        }
        if (status != null) {
            sql.append(" and l.status = ?");
            args.add(status);
        }
        sql.append(" order by i.occurred_at desc fetch first " + SEGMENT_SAMPLE + " rows only");
        jdbc.query(sql.toString(), rs -> {
            hours.count(rs.getTimestamp(1).toInstant(), zoneOr(rs.getString(2), fallbackZone));
        }, args.toArray());
        return hours;
    }

    private static ZoneId zoneOr(String zone, ZoneId fallback) {
        if (zone == null || zone.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return fallback;
        }
    }
}
