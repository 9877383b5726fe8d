package dev.leadflow.whatsapp;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Inbound messages from leads, stored once per wamid. */
@Repository
class InboundLog {

    private final JdbcClient jdbc;

    InboundLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when this wamid was recorded already: a duplicate delivery. */
    boolean record(InboundMessage message, String leadId, Instant receivedAt) {
        try {
            jdbc.sql("""
                    insert into inbound_message (wamid, from_wa_id, lead_id, type, body, payload, context_wamid,
                        occurred_at, received_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(message.wamid(), message.fromWaId(), leadId, message.type(), message.text(),
                            message.payload(), message.contextWamid(), message.occurredAt().atOffset(ZoneOffset.UTC),
                            receivedAt.atOffset(ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
