package dev.leadflow.whatsapp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.leadflow.whatsapp.InboundMessage.AdReferral;

/**
 * Inbound messages from WhatsApp users, stored once per wamid (the primary key), whatever their kind; those of
 * no known lead (lead_id null) are the unmatched inbox.
 */
@Repository
class InboundLog {

    private static final String COLUMNS = """
            wamid, kind, type, channel_id, from_wa_id, from_user_id, from_username, body, payload, summary, media_id,
            context_wamid, ad_source_id, ad_source_type, ad_source_url, ad_headline, ad_ctwa_clid, occurred_at""";

    private final JdbcClient jdbc;

    InboundLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String wamid) {
        return jdbc.sql("select count(*) from inbound_message where wamid = ?").param(wamid).query(Long.class)
                .single() > 0;
    }

    /**
     * @param countsAsReply whether the lead's flows took it as the lead's reply
     * @throws org.springframework.dao.DuplicateKeyException when the wamid was recorded already
     */
    void insert(InboundMessage message, String leadId, Instant receivedAt, boolean optOut, boolean countsAsReply) {
        AdReferral ad = message.referral();
        jdbc.sql("""
                insert into inbound_message (wamid, from_wa_id, lead_id, type, body, payload, context_wamid,
                    occurred_at, received_at, opt_out, kind, counts_as_reply, summary, media_id, channel_id,
                    from_user_id, from_username, ad_source_id, ad_source_type, ad_source_url, ad_headline, ad_ctwa_clid)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(message.wamid(), truncate(message.fromWaId(), 32), leadId, truncate(message.type(), 30),
                        truncate(message.text(), 4096), truncate(message.payload(), 512),
                        truncate(message.contextWamid(), 200), utc(message.occurredAt()), utc(receivedAt), optOut,
                        message.kind().name(), countsAsReply, truncate(message.summary(), 1000),
                        truncate(message.mediaId(), 200), truncate(message.channelId(), 64),
                        truncate(message.fromUserId(), 160), truncate(message.username(), 100),
                        ad == null ? null : truncate(ad.sourceId(), 200),
                        ad == null ? null : truncate(ad.sourceType(), 40),
                        ad == null ? null : truncate(ad.sourceUrl(), 1000),
                        ad == null ? null : truncate(ad.headline(), 500),
                        ad == null ? null : truncate(ad.ctwaClid(), 500))
                .update();
    }

    /** A message waiting in the unmatched inbox, as it was received. */
    Optional<InboundMessage> findUnmatched(String wamid) {
        return jdbc.sql("select " + COLUMNS + " from inbound_message where wamid = ? and lead_id is null")
                .param(wamid).query(this::message).optional();
    }

    /** @return false when another operator assigned it first */
    boolean assign(String wamid, String leadId, String operator, Instant at, boolean countsAsReply) {
        return jdbc.sql("""
                        update inbound_message set lead_id = ?, assigned_by = ?, assigned_at = ?, counts_as_reply = ?,
                            outcome_pending = true
                        where wamid = ? and lead_id is null""")
                .params(leadId, operator, utc(at), countsAsReply, wamid).update() == 1;
    }

    /** The unmatched inbox, newest first. */
    List<UnmatchedMessage> unmatched(int limit) {
        return jdbc.sql("""
                        select wamid, kind, channel_id, from_wa_id, from_user_id, from_username, summary, media_id,
                            occurred_at, received_at
                        from inbound_message where lead_id is null order by received_at desc limit ?""")
                .param(limit)
                .query((rs, n) -> new UnmatchedMessage(rs.getString("wamid"), rs.getString("kind"),
                        rs.getString("channel_id"), rs.getString("from_wa_id") == null ? null
                        : "+" + rs.getString("from_wa_id"), rs.getString("from_user_id"),
                        rs.getString("from_username"), rs.getString("summary"), rs.getString("media_id"),
                        instant(rs, "occurred_at"), instant(rs, "received_at")))
                .list();
    }

    /**
     * @param from the sender's number (E.164) when Meta sent it
     */
    record UnmatchedMessage(String wamid, String kind, String channelId, String from, String userId, String username,
                            String summary, String mediaId, Instant occurredAt, Instant receivedAt) {
    }

    private InboundMessage message(ResultSet rs, int row) throws SQLException {
        InboundKind kind = kindOf(rs.getString("kind"));
        AdReferral ad = rs.getString("ad_source_id") == null && rs.getString("ad_ctwa_clid") == null ? null
                : new AdReferral(rs.getString("ad_source_id"), rs.getString("ad_source_type"),
                rs.getString("ad_source_url"), rs.getString("ad_headline"), rs.getString("ad_ctwa_clid"));
        return new InboundMessage(rs.getString("wamid"), kind, rs.getString("type"), rs.getString("channel_id"),
                rs.getString("from_wa_id"), rs.getString("from_user_id"), rs.getString("from_username"),
                rs.getString("body"), rs.getString("payload"), rs.getString("summary"), rs.getString("media_id"),
                rs.getString("context_wamid"), ad, null, instant(rs, "occurred_at"));
    }

    /** Rows written before kinds were kept are text, taps or media: replies. */
    static InboundKind kindOf(String stored) {
        if (stored == null) {
            return InboundKind.TEXT;
        }
        try {
            return InboundKind.valueOf(stored);
        } catch (IllegalArgumentException renamed) {
            return InboundKind.UNKNOWN;
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
