package dev.leadflow.experiments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The experiment tables: assignments, guardrail stops and promoted winners. */
@Repository
class ExperimentStore {

    private final JdbcTemplate jdbc;

    ExperimentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Assigned(String experimentId, String leadId, String variant, Instant at) {
    }

    record Stop(String variant, String by, String reason, Instant at) {
    }

    record Ending(String winner, String by, String reason, Instant at) {
    }

    Optional<String> variantOf(String experimentId, String leadId) {
        return jdbc.query("select variant from experiment_assignment where experiment_id = ? and lead_id = ?",
                (rs, row) -> rs.getString(1), experimentId, leadId).stream().findFirst();
    }

    /** Records the lead's variant unless it has one; answers the one that counts. */
    String assign(String experimentId, String leadId, String variant, String idempotencyKey, Instant at) {
        try {
            jdbc.update("insert into experiment_assignment (experiment_id, lead_id, variant, idempotency_key, assigned_at)"
                    + " values (?, ?, ?, ?, ?)", experimentId, leadId, variant, idempotencyKey, Timestamp.from(at));
            return variant;
        } catch (DuplicateKeyException alreadyAssigned) {
            return variantOf(experimentId, leadId).orElse(variant);
        }
    }

    List<Assigned> assignmentsOf(String leadId) {
        return jdbc.query("select experiment_id, lead_id, variant, assigned_at from experiment_assignment"
                        + " where lead_id = ?",
                (rs, row) -> new Assigned(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()), leadId);
    }

    List<Stop> stopsOf(String experimentId) {
        return jdbc.query("select variant, stopped_by, reason, stopped_at from experiment_stop where experiment_id = ?"
                        + " order by stopped_at",
                (rs, row) -> new Stop(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()),
                experimentId);
    }

    /** @return false when the variant was stopped already */
    boolean stop(String experimentId, String variant, String by, String reason, Instant at) {
        try {
            jdbc.update("insert into experiment_stop (experiment_id, variant, stopped_by, reason, stopped_at)"
                    + " values (?, ?, ?, ?, ?)", experimentId, variant, by, reason, Timestamp.from(at));
            return true;
        } catch (DuplicateKeyException already) {
            return false;
        }
    }

    Optional<Ending> endingOf(String experimentId) {
        return jdbc.query("select winner, ended_by, reason, ended_at from experiment_ending where experiment_id = ?",
                (rs, row) -> new Ending(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()), experimentId).stream().findFirst();
    }

    /** @return false when the experiment had ended already */
    boolean end(String experimentId, String winner, String by, String reason, Instant at) {
        try {
            jdbc.update("insert into experiment_ending (experiment_id, winner, ended_by, reason, ended_at)"
                    + " values (?, ?, ?, ?, ?)", experimentId, winner, by, reason, Timestamp.from(at));
            return true;
        } catch (DuplicateKeyException already) {
            return false;
        }
    }

    int forgetLead(String leadId) {
        return jdbc.update("delete from experiment_assignment where lead_id = ?", leadId);
    }
}
