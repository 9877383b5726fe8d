package dev.leadflow.crm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.messaging.Recipient;
import dev.leadflow.messaging.RecipientDirectory;

/** The lead directory: Leadflow's copy of the CRM's leads. */
@Repository
class LeadDirectory implements RecipientDirectory {

    private static final String COLUMNS = """
            lead_id, phone, name, locale, timezone, status, consent_whatsapp, consent_at, owner, source, attributes,
            welcome_started_at, last_inbound_at, created_at, updated_at""";

    /** What the messaging rules learnt about the lead from Meta (see V4_1). */
    private static final String RECIPIENT_COLUMNS = "marketing_stopped_at, undeliverable_phone";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    LeadDirectory(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Lead> find(String leadId, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from lead where lead_id = ?" + (forUpdate ? " for update" : ""))
                .param(leadId).query(this::map).optional();
    }

    Optional<String> requestHash(String leadId) {
        return jdbc.sql("select request_hash from lead where lead_id = ?").param(leadId).query(String.class).optional();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the lead exists already */
    void insert(Lead lead, String requestHash) {
        jdbc.sql("insert into lead (" + COLUMNS + ", request_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(lead.leadId(), lead.phone(), lead.name(), lead.locale(), lead.timezone(), lead.status(),
                        lead.consented(), utc(lead.consentAt()), lead.owner(), lead.source(), write(lead.attributes()),
                        utc(lead.welcomeStartedAt()), utc(lead.lastInboundAt()), utc(lead.createdAt()),
                        utc(lead.updatedAt()), requestHash)
                .update();
    }

    void update(Lead lead, String requestHash) {
        jdbc.sql("""
                        update lead set phone = ?, name = ?, locale = ?, timezone = ?, status = ?, consent_whatsapp = ?,
                            consent_at = ?, owner = ?, source = ?, attributes = ?, updated_at = ?, request_hash = ?
                        where lead_id = ?""")
                .params(lead.phone(), lead.name(), lead.locale(), lead.timezone(), lead.status(), lead.consented(),
                        utc(lead.consentAt()), lead.owner(), lead.source(), write(lead.attributes()),
                        utc(lead.updatedAt()), requestHash, lead.leadId())
                .update();
    }

    void markWelcomeStarted(String leadId, Instant at) {
        jdbc.sql("update lead set welcome_started_at = ? where lead_id = ?").params(utc(at), leadId).update();
    }

    /** An opt-in also lifts a marketing stop (131050): the lead asked for messages again. */
    void updateConsent(String leadId, boolean consented, Instant at) {
        jdbc.sql("""
                        update lead set consent_whatsapp = ?, consent_at = ?, updated_at = ?,
                            marketing_stopped_at = case when ? then null else marketing_stopped_at end
                        where lead_id = ?""")
                .params(consented, utc(at), utc(at), consented, leadId).update();
    }

    void updateStatus(String leadId, String status, Instant at) {
        jdbc.sql("update lead set status = ?, updated_at = ? where lead_id = ?").params(status, utc(at), leadId).update();
    }

    @Override
    public Optional<Recipient> find(String leadId) {
        return jdbc.sql("select " + COLUMNS + ", " + RECIPIENT_COLUMNS + " from lead where lead_id = ?")
                .param(leadId).query(this::recipient).optional();
    }

    @Override
    public Optional<Recipient> findByPhone(String e164) {
        return jdbc.sql("select " + COLUMNS + ", " + RECIPIENT_COLUMNS + " from lead where phone = ? order by updated_at desc")
                .param(e164).query(this::recipient).list().stream().findFirst();
    }

    @Override
    public void recordOptOut(String leadId, Instant at) {
        jdbc.sql("update lead set consent_whatsapp = false, consent_at = ?, updated_at = ? where lead_id = ?")
                .params(utc(at), utc(at), leadId).update();
    }

    @Override
    public void recordMarketingStopped(String leadId, Instant at) {
        jdbc.sql("update lead set marketing_stopped_at = ? where lead_id = ? and marketing_stopped_at is null")
                .params(utc(at), leadId).update();
    }

    @Override
    public void recordUndeliverable(String leadId, String phone, Instant at) {
        jdbc.sql("update lead set undeliverable_phone = ?, undeliverable_at = ? where lead_id = ?")
                .params(phone, utc(at), leadId).update();
    }

    @Override
    public void clearUndeliverable(String leadId) {
        jdbc.sql("update lead set undeliverable_phone = null, undeliverable_at = null where lead_id = ?")
                .param(leadId).update();
    }

    @Override
    public void recordInbound(String leadId, Instant at) {
        jdbc.sql("update lead set last_inbound_at = ? where lead_id = ? and (last_inbound_at is null or last_inbound_at < ?)")
                .params(utc(at), leadId, utc(at)).update();
    }

    @Override
    public void recordMarketingPreference(String e164, boolean stopped, Instant reportedAt) {
        Optional<Instant> recorded = jdbc.sql("select reported_at from marketing_preference where phone = ?")
                .param(e164).query((rs, n) -> instant(rs, "reported_at")).optional();
        if (recorded.isPresent() && reportedAt.isBefore(recorded.get())) {
            return;
        }
        if (recorded.isEmpty()) {
            jdbc.sql("insert into marketing_preference (phone, stopped, reported_at) values (?, ?, ?)")
                    .params(e164, stopped, utc(reportedAt)).update();
        } else {
            jdbc.sql("update marketing_preference set stopped = ?, reported_at = ? where phone = ?")
                    .params(stopped, utc(reportedAt), e164).update();
        }
        if (stopped) {
            jdbc.sql("update lead set marketing_stopped_at = ? where phone = ? and marketing_stopped_at is null")
                    .params(utc(reportedAt), e164).update();
        } else {
            jdbc.sql("update lead set marketing_stopped_at = null where phone = ? and marketing_stopped_at <= ?")
                    .params(e164, utc(reportedAt)).update();
        }
    }

    private Recipient recipient(ResultSet rs, int row) throws SQLException {
        Lead lead = map(rs, row);
        return new Recipient(lead.leadId(), lead.phone(), lead.name(), lead.locale(), lead.timezone(),
                lead.consented(), lead.owner(), lead.attributes(), lead.lastInboundAt(),
                rs.getObject("marketing_stopped_at") != null, lead.phone().equals(rs.getString("undeliverable_phone")));
    }

    private Lead map(ResultSet rs, int row) throws SQLException {
        return new Lead(rs.getString("lead_id"), rs.getString("phone"), rs.getString("name"), rs.getString("locale"),
                rs.getString("timezone"), rs.getString("status"), rs.getBoolean("consent_whatsapp"),
                instant(rs, "consent_at"), rs.getString("owner"), rs.getString("source"), read(rs.getString("attributes")),
                instant(rs, "welcome_started_at"), instant(rs, "last_inbound_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private String write(Map<String, String> attributes) {
        try {
            return json.writeValueAsString(attributes == null ? Map.of() : attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, String> read(String attributes) {
        if (attributes == null || attributes.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(attributes, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored lead attributes are not JSON", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
