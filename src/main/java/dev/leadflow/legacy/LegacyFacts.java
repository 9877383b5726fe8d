package dev.leadflow.legacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.leadflow.legacy.StatusWords.MessageStatus;

/** The normalised legacy facts in Leadflow's database. */
@Repository
class LegacyFacts {

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;

    LegacyFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LegacyFact> find(String key) {
        return jdbc.sql("select * from legacy_fact where idempotency_key = ?").param(key).query(LegacyFacts::fact)
                .optional();
    }

    List<LegacyFact> ofLead(String leadId) {
        return jdbc.sql("select * from legacy_fact where lead_id = ? order by sent_at, idempotency_key")
                .param(leadId).query(LegacyFacts::fact).list();
    }

    /** A step the legacy system sent (or may have), and when Leadflow learned of it. */
    record LegacySend(String key, String leadId, String step, Instant sentAt, Instant importedAt) {
    }

    /** The flow's legacy sends (or maybe-sends) with a time at or after {@code since}. */
    List<LegacySend> sendsOfFlowSince(String flow, Instant since) {
        return jdbc.sql("""
                        select idempotency_key, lead_id, step, sent_at, imported_at from legacy_fact
                        where flow = ? and sent_at >= ? and status not in ('FAILED', 'PENDING')""")
                .params(flow, since.atOffset(ZoneOffset.UTC))
                .query((row, i) -> new LegacySend(row.getString("idempotency_key"), row.getString("lead_id"),
                        row.getString("step"), row.getObject("sent_at", OffsetDateTime.class).toInstant(),
                        row.getObject("imported_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    Map<String, LegacyFact> findAll(Collection<String> keys) {
        Map<String, LegacyFact> found = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            jdbc.sql("select * from legacy_fact where idempotency_key in (:keys)")
                    .param("keys", all.subList(from, Math.min(all.size(), from + CHUNK)))
                    .query(LegacyFacts::fact).list().forEach(fact -> found.put(fact.key(), fact));
        }
        return found;
    }

    void insert(LegacyFact fact, String source, Instant now) {
        jdbc.sql("""
                insert into legacy_fact (idempotency_key, lead_id, flow, step, status, raw_status, error_code, sent_at,
                                         wamid, lead_status, source, imported_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(fact.key(), fact.leadId(), fact.flow(), fact.step(), fact.status().name(),
                        cut(fact.rawStatus(), 200), fact.errorCode(), utc(fact.sentAt()), cut(fact.wamid(), 200),
                        cut(fact.leadStatus(), 40), cut(source, 200), utc(now), utc(now))
                .update();
    }

    void update(LegacyFact fact, String source, Instant now) {
        jdbc.sql("""
                update legacy_fact set status = ?, raw_status = ?, error_code = ?, sent_at = ?, wamid = ?,
                                       lead_status = ?, source = ?, updated_at = ?
                where idempotency_key = ?""")
                .params(fact.status().name(), cut(fact.rawStatus(), 200), fact.errorCode(), utc(fact.sentAt()),
                        cut(fact.wamid(), 200), cut(fact.leadStatus(), 40), cut(source, 200), utc(now), fact.key())
                .update();
    }

    private static LegacyFact fact(ResultSet row, int index) throws SQLException {
        OffsetDateTime sentAt = row.getObject("sent_at", OffsetDateTime.class);
        int code = row.getInt("error_code");
        Integer errorCode = row.wasNull() ? null : code;
        return new LegacyFact(row.getString("idempotency_key"), row.getString("lead_id"), row.getString("flow"),
                row.getString("step"), MessageStatus.valueOf(row.getString("status")), row.getString("raw_status"),
                errorCode, sentAt == null ? null : sentAt.toInstant(), row.getString("wamid"),
                row.getString("lead_status"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
