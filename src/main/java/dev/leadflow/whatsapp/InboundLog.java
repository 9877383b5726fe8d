package dev.leadflow.whatsapp;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Inbound messages from WhatsApp users, stored once per wamid (the primary key). */
@Repository
class InboundLog {

    private final JdbcClient jdbc;

    InboundLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String wamid) {
        return jdbc.sql("select count(*) from inbound_message where wamid = ?").param(wamid).query(Long.class)
                .single() > 0;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the wamid was recorded already */
    void insert(InboundMessage message, String leadId, Instant receivedAt, boolean optOut) {
        jdbc.sql("""
                insert into inbound_message (wamid, from_wa_id, lead_id, type, body, payload, context_wamid,
                    occurred_at, received_at, opt_out)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(message.wamid(), message.fromWaId(), leadId, truncate(message.type(), 30),
                        truncate(message.text(), 4096), truncate(message.payload(), 512), message.contextWamid(),
                        message.occurredAt().atOffset(ZoneOffset.UTC), receivedAt.atOffset(ZoneOffset.UTC), optOut)
                .update();
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
