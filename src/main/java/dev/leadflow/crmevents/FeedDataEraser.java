package dev.leadflow.crmevents;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.leadflow.ops.PersonalDataEraser;

/**
 * A lead's erasure removes its events from the feed (their bodies hold replies and numbers) and the
 * deliveries still pending: the CRM is not told afterwards what was erased.
 */
@Component
class FeedDataEraser implements PersonalDataEraser {

    private final JdbcClient jdbc;

    FeedDataEraser(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Integer> erase(String leadId, String phone) {
        jdbc.sql("delete from event_delivery where event_seq in (select seq from outbound_event where lead_id = ?)")
                .param(leadId).update();
        int events = jdbc.sql("delete from outbound_event where lead_id = ?").param(leadId).update();
        return Map.of("outboundEvents", events);
    }
}
