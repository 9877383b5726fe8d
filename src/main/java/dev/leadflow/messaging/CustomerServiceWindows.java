package dev.leadflow.messaging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Meta keeps the 24-hour customer-service window per user and business number: a lead's message to one of our
 * numbers opens the window of that number only. Leads that wrote before windows were kept per number have no
 * rows; for them the lead's last message stands for the number it is written from.
 */
@Repository
public class CustomerServiceWindows {

    private final JdbcClient jdbc;

    CustomerServiceWindows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The lead wrote to this business number at {@code at}; an older report changes nothing. */
    public void recordInbound(String leadId, String channelId, Instant at) {
        OffsetDateTime utc = at.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("""
                        update customer_service_window set last_inbound_at = ?
                        where lead_id = ? and channel_id = ? and last_inbound_at < ?""")
                .params(utc, leadId, channelId, utc).update();
        if (updated == 0 && lastInbound(leadId, channelId).isEmpty()) {
            jdbc.sql("insert into customer_service_window (lead_id, channel_id, last_inbound_at) values (?, ?, ?)")
                    .params(leadId, channelId, utc).update();
        }
    }

    public Optional<Instant> lastInbound(String leadId, String channelId) {
        return jdbc.sql("select last_inbound_at from customer_service_window where lead_id = ? and channel_id = ?")
                .params(leadId, channelId)
                .query((rs, n) -> rs.getObject("last_inbound_at", OffsetDateTime.class).toInstant()).optional();
    }

    /** The lead as a send from this business number sees it: its last message being its last one to this number. */
    Recipient asSeenFrom(Recipient lead, String channelId) {
        Instant lastInbound = lastInboundFor(lead, channelId);
        return java.util.Objects.equals(lastInbound, lead.lastInboundAt()) ? lead : new Recipient(lead.leadId(),
                lead.phone(), lead.name(), lead.locale(), lead.timezone(), lead.consented(), lead.owner(),
                lead.attributes(), lastInbound, lead.marketingStopped(), lead.undeliverable());
    }

    /** The lead's last message to the number a send goes from, where the window is counted. */
    private Instant lastInboundFor(Recipient lead, String channelId) {
        boolean keptPerNumber = jdbc.sql("select count(*) from customer_service_window where lead_id = ?")
                .param(lead.leadId()).query(Long.class).single() > 0;
        return keptPerNumber ? lastInbound(lead.leadId(), channelId).orElse(null) : lead.lastInboundAt();
    }
}
