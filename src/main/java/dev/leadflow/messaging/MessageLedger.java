package dev.leadflow.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The attempt ledger: one row per idempotency key, and every status Meta reported. */
@Repository
public class MessageLedger {

    private static final String COLUMNS = """
            id, idempotency_key, lead_id, flow, step, template_key, template_name, language, category,
            channel_id, recipient, status, wamid, error_code, error_detail, pricing_category, requests,
            created_at, updated_at, status_at, message_type, step_key, accepted_at, resend_of""";
    private static final String IN_FLIGHT_OR_ACCEPTED = "('PENDING', 'ACCEPTED', 'SENT', 'DELIVERED', 'READ')";

    private final JdbcClient jdbc;

    MessageLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<MessageAttempt> findByKey(String idempotencyKey) {
        return jdbc.sql("select " + COLUMNS + " from message_attempt where idempotency_key = ?")
                .param(idempotencyKey).query(MessageLedger::map).optional();
    }

    public Optional<MessageAttempt> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from message_attempt where id = ?")
                .param(id).query(MessageLedger::map).optional();
    }

    /** How many times operators sent a failed message of this step again. */
    int resendsInStep(String stepKey) {
        return jdbc.sql("select count(*) from message_attempt where step_key = ? and resend_of is not null")
                .param(stepKey).query(Integer.class).single();
    }

    /** The attempt an operator sent as the re-send of {@code attemptId}: there is at most one. */
    public Optional<MessageAttempt> resendOf(long attemptId) {
        return jdbc.sql("select " + COLUMNS + " from message_attempt where resend_of = ?")
                .param(attemptId).query(MessageLedger::map).optional();
    }

    /**
     * The attempt of the step that is in flight or was accepted, if any: the one that holds the step's claim.
     * While it exists, no other attempt of the step reaches the channel.
     */
    public Optional<MessageAttempt> claimOfStep(String stepKey) {
        return jdbc.sql("select " + COLUMNS + " from message_attempt where step_claim = ?")
                .param(stepKey).query(MessageLedger::map).optional();
    }

    /** The attempt of a key, and the attempt that holds the claim of its step: the same one, another, or none. */
    record KeyAndStep(Optional<MessageAttempt> ofKey, Optional<MessageAttempt> claimOfStep) {
    }

    /** {@link #findByKey} and {@link #claimOfStep} by one round trip: both are asked before every send. */
    KeyAndStep keyAndStep(String idempotencyKey, String stepKey) {
        List<Found> rows = jdbc.sql("select " + COLUMNS + ", 'key' as found_by from message_attempt"
                        + " where idempotency_key = ? union all select " + COLUMNS
                        + ", 'step' as found_by from message_attempt where step_claim = ?")
                .params(idempotencyKey, stepKey)
                .query((rs, n) -> new Found(rs.getString("found_by"), map(rs, n)))
                .list();
        return new KeyAndStep(Found.by("key", rows), Found.by("step", rows));
    }

    private record Found(String by, MessageAttempt attempt) {

        static Optional<MessageAttempt> by(String how, List<Found> rows) {
            return rows.stream().filter(row -> row.by().equals(how)).map(Found::attempt).findFirst();
        }
    }

    /** Whether an operator may still send this attempt's message again: it failed, and it is not re-sent yet. */
    public boolean resendable(MessageAttempt attempt) {
        return (attempt.status() == AttemptStatus.FAILED || attempt.status() == AttemptStatus.REJECTED)
                && resendOf(attempt.id()).isEmpty() && claimOfStep(attempt.stepKey()).isEmpty();
    }

    public Optional<MessageAttempt> findByWamid(String wamid) {
        return jdbc.sql("select " + COLUMNS + " from message_attempt where wamid = ?")
                .param(wamid).query(MessageLedger::map).optional();
    }

    public List<MessageAttempt> findByLead(String leadId) {
        return jdbc.sql("select " + COLUMNS + " from message_attempt where lead_id = ? order by created_at, id")
                .param(leadId).query(MessageLedger::map).list();
    }

    /**
     * Writes the attempt as PENDING, claiming its step, and returns its id; empty when the key exists already,
     * another attempt of the step is in flight or accepted, or the failed attempt it re-sends was re-sent
     * already.
     */
    OptionalLong insertPending(PendingAttempt a, Instant now) {
        try {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                    insert into message_attempt (idempotency_key, lead_id, flow, step, template_key, template_name,
                        language, category, channel_id, recipient, status, requests, created_at, updated_at,
                        message_type, requested_at, step_key, step_claim, resend_of, override_by, variant)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(a.idempotencyKey(), a.leadId(), a.flow(), a.step(), a.templateKey(), a.templateName(),
                            a.language(), a.category(), a.channelId(), a.recipient(), utc(now), utc(now),
                            a.messageType(), utc(now), a.stepKey(), a.stepKey(), a.resendOf(), a.overrideBy(),
                            a.variant())
                    .update(key, "id");
            return OptionalLong.of(key.getKeyAs(Number.class).longValue());
        } catch (DuplicateKeyException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Takes a REJECTED, FAILED or stale PENDING attempt for one more request, as the message it is now
     * (template or text, on which channel); false when another node did.
     */
    boolean reopen(MessageAttempt attempt, PendingAttempt now, Instant at) {
        try {
            return jdbc.sql("""
                            update message_attempt set status = 'PENDING', requests = requests + 1, updated_at = ?,
                                requested_at = ?, message_type = ?, channel_id = ?, template_name = ?, language = ?,
                                recipient = ?, step_claim = step_key
                            where id = ? and status = ? and requests = ?""")
                    .params(utc(at), utc(at), now.messageType(), now.channelId(), now.templateName(), now.language(),
                            now.recipient(), attempt.id(), attempt.status().name(), attempt.requests())
                    .update() == 1;
        } catch (DuplicateKeyException anotherAttemptOfTheStepHoldsItsClaim) {
            return false;
        }
    }

    /**
     * The lead's business-initiated messages (templates) requested since {@code since} that were or may
     * have been accepted, except the one of {@code exceptKey}: what the frequency cap counts.
     */
    List<FrequencyCap.RecentSend> businessInitiatedSince(String leadId, Instant since, String exceptKey) {
        return jdbc.sql("""
                        select category, coalesce(requested_at, created_at) as requested
                        from message_attempt
                        where lead_id = ? and message_type = 'template' and idempotency_key <> ?
                          and status in ('PENDING', 'ACCEPTED', 'SENT', 'DELIVERED', 'READ')
                          and coalesce(requested_at, created_at) > ?""")
                .params(leadId, exceptKey, utc(since))
                .query((rs, n) -> new FrequencyCap.RecentSend(
                        TemplateCatalog.Category.valueOf(rs.getString("category").toUpperCase(java.util.Locale.ROOT)),
                        instant(rs, "requested")))
                .list();
    }

    /** Notes a decision taken about the attempt without a new request (e.g. the policy for an unknown outcome). */
    void recordDecision(long id, String decision, Instant now) {
        jdbc.sql("update message_attempt set error_detail = ?, updated_at = ? where id = ?")
                .params(truncate(decision), utc(now), id).update();
    }

    void markAccepted(long id, String wamid, Instant now) {
        jdbc.sql("""
                update message_attempt set status = 'ACCEPTED', wamid = ?, error_code = null, error_detail = null,
                    updated_at = ?, accepted_at = ?
                where id = ? and status in ('PENDING', 'REJECTED')""")
                .params(wamid, utc(now), utc(now), id).update();
    }

    void markRejected(long id, Integer errorCode, String detail, Instant now) {
        jdbc.sql("""
                update message_attempt set status = 'REJECTED', error_code = ?, error_detail = ?, updated_at = ?,
                    step_claim = null
                where id = ? and status = 'PENDING'""")
                .params(errorCode, truncate(detail), utc(now), id).update();
    }

    void markFailed(long id, Integer errorCode, String detail, Instant now) {
        jdbc.sql("""
                update message_attempt set status = 'FAILED', error_code = ?, error_detail = ?, updated_at = ?,
                    step_claim = null
                where id = ?""")
                .params(errorCode, truncate(detail), utc(now), id).update();
    }

    /** The outcome of the request is unknown: the attempt stays PENDING until a status reconciles it. */
    void markAmbiguous(long id, String detail, Instant now) {
        jdbc.sql("update message_attempt set error_detail = ?, updated_at = ? where id = ? and status = 'PENDING'")
                .params(truncate("outcome unknown: " + detail), utc(now), id).update();
    }

    /**
     * Records a reported status once per (wamid, status), with what Meta said it costs; false for a duplicate
     * report. A duplicate is skipped by the insert itself, not refused by the unique key: on PostgreSQL a
     * refused insert would abort the caller's transaction. Only a report racing its own copy still meets the key.
     */
    boolean recordStatusEvent(StatusReport report, MessageCosts.StatusPricing pricing, Instant receivedAt) {
        try {
            // typed placeholders: a select list gives the database no column to infer them from
            return jdbc.sql("""
                    insert into message_status_event (wamid, status, occurred_at, error_code, error_detail,
                        pricing_category, received_at, billable, pricing_model, pricing_type, conversation_id,
                        conversation_category, conversation_expires_at)
                    select cast(? as varchar), cast(? as varchar), cast(? as timestamp with time zone),
                        cast(? as integer), cast(? as varchar), cast(? as varchar),
                        cast(? as timestamp with time zone), cast(? as boolean), cast(? as varchar),
                        cast(? as varchar), cast(? as varchar), cast(? as varchar),
                        cast(? as timestamp with time zone)
                    where not exists (select 1 from message_status_event where wamid = ? and status = ?)""")
                    .params(report.wamid(), report.status().name(), utc(report.occurredAt()), report.errorCode(),
                            truncate(report.errorDetail()),
                            pricing.category() != null ? pricing.category() : report.pricingCategory(),
                            utc(receivedAt), pricing.billable(), pricing.pricingModel(), pricing.pricingType(),
                            pricing.conversationId(), pricing.conversationCategory(),
                            utc(pricing.conversationExpiresAt()), report.wamid(), report.status().name())
                    .update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Moves the attempt forward to the reported status, never backwards. A PENDING attempt whose
     * response was lost is found by its callback data and learns its wamid here.
     */
    Optional<MessageAttempt> applyStatus(StatusReport report, Instant now) {
        for (int tries = 0; tries < 5; tries++) {
            Optional<MessageAttempt> found = findByWamid(report.wamid());
            if (found.isEmpty() && report.callbackData() != null) {
                found = findByKey(report.callbackData());
            }
            if (found.isEmpty()) {
                return Optional.empty();
            }
            MessageAttempt attempt = found.get();
            if (!report.status().isAfter(attempt.status())) {
                return Optional.of(attempt);
            }
            int updated = jdbc.sql("""
                            update message_attempt set status = ?, wamid = ?, status_at = ?, updated_at = ?,
                                error_code = coalesce(?, error_code), error_detail = coalesce(?, error_detail),
                                pricing_category = coalesce(?, pricing_category),
                                accepted_at = coalesce(accepted_at, ?),
                                step_claim = case when ? = 'FAILED' then null else step_claim end
                            where id = ? and status = ?""")
                    .params(report.status().name(), report.wamid(), utc(report.occurredAt()), utc(now),
                            report.errorCode(), truncate(report.errorDetail()), report.pricingCategory(),
                            report.status() == AttemptStatus.FAILED ? null : utc(report.occurredAt()),
                            report.status().name(), attempt.id(), attempt.status().name())
                    .update();
            if (updated == 1) {
                return Optional.of(moved(attempt, report, now));
            }
        }
        return findByWamid(report.wamid());
    }

    /** The attempt as the update above left it, without reading it back. */
    private static MessageAttempt moved(MessageAttempt attempt, StatusReport report, Instant now) {
        String errorDetail = truncate(report.errorDetail());
        return new MessageAttempt(attempt.id(), attempt.idempotencyKey(), attempt.leadId(), attempt.flow(),
                attempt.step(), attempt.templateKey(), attempt.templateName(), attempt.language(),
                attempt.category(), attempt.channelId(), attempt.recipient(), report.status(), report.wamid(),
                report.errorCode() != null ? report.errorCode() : attempt.errorCode(),
                errorDetail != null ? errorDetail : attempt.errorDetail(),
                report.pricingCategory() != null ? report.pricingCategory() : attempt.pricingCategory(),
                attempt.requests(), attempt.createdAt(), stored(now), stored(report.occurredAt()),
                attempt.messageType(), attempt.stepKey(),
                attempt.acceptedAt() != null || report.status() == AttemptStatus.FAILED ? attempt.acceptedAt()
                        : stored(report.occurredAt()),
                attempt.resendOf());
    }

    /** An instant as the database keeps it (microseconds). */
    private static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public List<StatusReport> statusHistory(String wamid) {
        return jdbc.sql("""
                        select wamid, status, occurred_at, error_code, error_detail, pricing_category
                        from message_status_event where wamid = ? order by occurred_at, id""")
                .param(wamid)
                .query((rs, n) -> new StatusReport(rs.getString("wamid"), AttemptStatus.valueOf(rs.getString("status")),
                        instant(rs, "occurred_at"), (Integer) rs.getObject("error_code"), rs.getString("error_detail"),
                        rs.getString("pricing_category"), null))
                .list();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    }

    private static MessageAttempt map(ResultSet rs, int row) throws SQLException {
        return new MessageAttempt(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("lead_id"),
                rs.getString("flow"), rs.getString("step"), rs.getString("template_key"),
                rs.getString("template_name"), rs.getString("language"), rs.getString("category"),
                rs.getString("channel_id"), rs.getString("recipient"), AttemptStatus.valueOf(rs.getString("status")),
                rs.getString("wamid"), (Integer) rs.getObject("error_code"), rs.getString("error_detail"),
                rs.getString("pricing_category"), rs.getInt("requests"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "status_at"), rs.getString("message_type"),
                rs.getString("step_key"), instant(rs, "accepted_at"), (Long) rs.getObject("resend_of", Long.class));
    }

    /**
     * @param stepKey    the step it belongs to (its own key for a flow's send)
     * @param resendOf   for an operator's re-send: the failed attempt it sends again
     * @param overrideBy for an operator's re-send: the operator
     */
    record PendingAttempt(String idempotencyKey, String leadId, String flow, String step, String templateKey,
                          String templateName, String language, String category, String channelId,
                          String recipient, String messageType, String stepKey, Long resendOf, String overrideBy,
                          String variant) {

        /** A flow's own send (its own step) outside any experiment. */
        PendingAttempt(String idempotencyKey, String leadId, String flow, String step, String templateKey,
                       String templateName, String language, String category, String channelId, String recipient,
                       String messageType) {
            this(idempotencyKey, leadId, flow, step, templateKey, templateName, language, category, channelId,
                    recipient, messageType, idempotencyKey, null, null, null);
        }
    }
}
