package dev.leadflow.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What messaging keeps about a lead, removed on an erasure request in the caller's transaction: the ledger
 * and its status history, and the send holds on the lead or its number.
 */
@Repository
public class MessagingErasure {

    private final JdbcClient jdbc;

    MessagingErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return how many status events and message attempts were removed */
    public Map<String, Integer> eraseMessages(String leadId) {
        Map<String, Integer> erased = new LinkedHashMap<>();
        erased.put("statusEvents", jdbc.sql("""
                        delete from message_status_event
                        where wamid in (select wamid from message_attempt where lead_id = ? and wamid is not null)""")
                .param(leadId).update());
        erased.put("messageAttempts", jdbc.sql("delete from message_attempt where lead_id = ?").param(leadId).update());
        return erased;
    }

    /** @return how many holds on the lead (marketing) or its number (pair rate limit) were removed */
    public int eraseHolds(String leadId, String phone) {
        return jdbc.sql("""
                        delete from send_hold
                        where (hold_kind = 'MARKETING' and subject = ?) or (hold_kind = 'RECIPIENT' and subject = ?)""")
                .params(leadId, phone == null ? "" : phone).update();
    }
}
