package dev.leadflow.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.leadflow.tracking.TimelineEntry;
import dev.leadflow.tracking.TimelineSource;

/**
 * The record of every operator intervention (table {@code ops_action}): who, when, what, on which lead or
 * subject, why and with what result. A lead's interventions appear on its timeline as operator actions.
 */
@Repository
class OpsActions implements TimelineSource {

    private final JdbcClient jdbc;
    private final Clock clock;

    OpsActions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    InterventionResult record(String operator, Action action, String leadId, String target, String reason,
                              String result) {
        Instant at = clock.instant();
        jdbc.sql("""
                        insert into ops_action (at, operator, action, lead_id, target, reason, result)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(at.atOffset(ZoneOffset.UTC), operator, action.name(), leadId, truncate(target, 512),
                        truncate(reason, 1000), truncate(result, 1000))
                .update();
        return new InterventionResult(action, operator, at, leadId, target, reason, result);
    }

    @Override
    public List<TimelineEntry> entriesOf(String leadId) {
        return jdbc.sql("select at, operator, action, target, reason, result from ops_action where lead_id = ?")
                .param(leadId)
                .query((rs, n) -> new TimelineEntry(rs.getObject("at", OffsetDateTime.class).toInstant(),
                        TimelineEntry.Kind.OPERATOR_ACTION, null, null,
                        rs.getString("operator") + ": " + Action.valueOf(rs.getString("action")).words
                                + " " + rs.getString("target")
                                + (rs.getString("reason") == null ? "" : " (reason: " + rs.getString("reason") + ")")
                                + ": " + rs.getString("result")))
                .list();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    enum Action {
        PAUSE_LEAD("paused the flows of lead"),
        RESUME_LEAD("resumed the flows of lead"),
        SKIP_STEP("skipped the waiting step of flow"),
        SEND_NOW("ran the waiting step now of flow"),
        CANCEL_FLOW("cancelled flow"),
        RESEND_MESSAGE("re-sent (operator override) failed message"),
        PAUSE_CHANNEL("paused channel"),
        RESUME_CHANNEL("resumed channel"),
        PAUSE_TEMPLATE("paused template"),
        RESUME_TEMPLATE("resumed template"),
        MIGRATE_FLOW("moved to the latest version of flow");

        private final String words;

        Action(String words) {
            this.words = words;
        }
    }
}
