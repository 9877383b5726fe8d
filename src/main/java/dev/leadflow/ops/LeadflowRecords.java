package dev.leadflow.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leadflow's own tables that hold a lead's data: the message ledger and its status history, the
 * lead's inbound messages, its CRM events, the send holds on its number or on it, and the lead itself.
 */
@Component
class LeadflowRecords implements PersonalDataEraser {

    private final JdbcClient jdbc;

    LeadflowRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Integer> erase(String leadId, String phone) {
        Map<String, Integer> erased = new LinkedHashMap<>();
        erased.put("statusEvents", jdbc.sql("""
                        delete from message_status_event
                        where wamid in (select wamid from message_attempt where lead_id = ? and wamid is not null)""")
                .param(leadId).update());
        erased.put("messageAttempts", jdbc.sql("delete from message_attempt where lead_id = ?").param(leadId).update());
        int inbound = jdbc.sql("delete from inbound_message where lead_id = ?").param(leadId).update();
        if (phone != null) {
            // messages from the lead's number that arrived before it was known as this lead's
            inbound += jdbc.sql("delete from inbound_message where lead_id is null and from_wa_id = ?")
                    .param(phone.startsWith("+") ? phone.substring(1) : phone).update();
        }
        erased.put("inboundMessages", inbound);
        erased.put("crmEvents", jdbc.sql("delete from crm_event where lead_id = ?").param(leadId).update());
        erased.put("sendHolds", jdbc.sql("""
                        delete from send_hold
                        where (hold_kind = 'MARKETING' and subject = ?) or (hold_kind = 'RECIPIENT' and subject = ?)""")
                .params(leadId, phone == null ? "" : phone).update());
        erased.put("leads", jdbc.sql("delete from lead where lead_id = ?").param(leadId).update());
        return erased;
    }
}
