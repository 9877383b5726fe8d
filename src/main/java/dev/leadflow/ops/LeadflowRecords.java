package dev.leadflow.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.MessagingErasure;
import dev.leadflow.whatsapp.WaIds;

/**
 * Leadflow's own tables that hold a lead's data: the message ledger and its status history (through
 * {@link MessagingErasure}, their owner), the lead's inbound messages, the processed webhook deliveries that name its number, its CRM events, the
 * send holds on its number or on it, the interventions operators made on it, and the lead itself. Deliberately kept: the number's marketing
 * preference (a stop in WhatsApp stays honoured if the CRM sends the number again), and webhook
 * deliveries not yet processed (they hold other leads' events too; once processed they are cleaned up
 * after their retention).
 */
@Component
class LeadflowRecords implements PersonalDataEraser {

    private final JdbcClient jdbc;
    private final MessagingErasure messaging;

    LeadflowRecords(JdbcClient jdbc, MessagingErasure messaging) {
        this.jdbc = jdbc;
        this.messaging = messaging;
    }

    @Override
    public Map<String, Integer> erase(String leadId, String phone) {
        Map<String, Integer> erased = new LinkedHashMap<>();
        erased.putAll(messaging.eraseMessages(leadId));
        int inbound = jdbc.sql("delete from inbound_message where lead_id = ?").param(leadId).update();
        // messages of the lead's business-scoped user id that no lead matched
        inbound += jdbc.sql("""
                        delete from inbound_message where lead_id is null
                          and from_user_id in (select wa_user_id from lead where lead_id = ?)""")
                .param(leadId).update();
        int deliveries = 0;
        for (String waId : phone == null ? List.<String>of() : WaIds.waIdsOf(phone)) {
            // messages from the lead's number that arrived before it was known as this lead's
            inbound += jdbc.sql("delete from inbound_message where lead_id is null and from_wa_id = ?")
                    .param(waId).update();
            deliveries += jdbc.sql("delete from webhook_delivery where outcome is not null and body like ?")
                    .param("%\"" + waId + "\"%").update();
        }
        erased.put("inboundMessages", inbound);
        erased.put("webhookDeliveries", deliveries);
        erased.put("crmEvents", jdbc.sql("delete from crm_event where lead_id = ?").param(leadId).update());
        erased.put("sendHolds", messaging.eraseHolds(leadId, phone));
        erased.put("operatorActions", jdbc.sql("delete from ops_action where lead_id = ?").param(leadId).update());
        erased.put("adReferrals", jdbc.sql("delete from lead_ad_referral where lead_id = ?").param(leadId).update());
        erased.put("serviceWindows", jdbc.sql("delete from customer_service_window where lead_id = ?").param(leadId)
                .update());
        erased.put("leads", jdbc.sql("delete from lead where lead_id = ?").param(leadId).update());
        return erased;
    }
}
