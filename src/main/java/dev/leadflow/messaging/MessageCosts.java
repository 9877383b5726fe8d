package dev.leadflow.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What Meta said each status of a message costs ({@code pricing}, and {@code conversation} on older pricing
 * models; recorded with the status by {@link DeliveryStatuses}), and what the messages of a period cost by the
 * configured rate card.
 */
@Repository
public class MessageCosts {

    private final JdbcClient jdbc;
    private final PricingProperties pricing;

    MessageCosts(JdbcClient jdbc, PricingProperties pricing) {
        this.jdbc = jdbc;
        this.pricing = pricing;
    }

    /**
     * A status's pricing as Meta reported it.
     *
     * @param pricingType Meta's {@code pricing.type}: {@code regular}, {@code free_customer_service},
     *                    {@code free_entry_point}
     */
    public record StatusPricing(Boolean billable, String pricingModel, String pricingType, String category,
                                String conversationId, String conversationCategory, Instant conversationExpiresAt) {
    }

    /** The pricing Meta reported for each status of a message, in arrival order. */
    public List<StatusPricing> ofMessage(String wamid) {
        return jdbc.sql("""
                        select billable, pricing_model, pricing_type, pricing_category, conversation_id,
                            conversation_category, conversation_expires_at
                        from message_status_event
                        where wamid = ? and (billable is not null or pricing_model is not null
                            or pricing_category is not null or conversation_id is not null)
                        order by received_at""")
                .param(wamid)
                .query((rs, n) -> new StatusPricing((Boolean) rs.getObject("billable"), rs.getString("pricing_model"),
                        rs.getString("pricing_type"), rs.getString("pricing_category"),
                        rs.getString("conversation_id"), rs.getString("conversation_category"),
                        instant(rs.getObject("conversation_expires_at", OffsetDateTime.class))))
                .list();
    }

    /**
     * A message sent in the period and what it cost.
     *
     * @param cost   zero unless Meta called one of its statuses billable
     * @param market the recipient's country, the rate card's market
     */
    public record CostedMessage(String flow, String templateName, String category, String market, Instant sentAt,
                                boolean billable, BigDecimal cost, boolean replied, boolean meetingBooked) {
    }

    public String currency() {
        return pricing.currency();
    }

    /** Every message Meta accepted that was created in [from, to), with its cost by the rate card. */
    public List<CostedMessage> costs(Instant from, Instant to) {
        return jdbc.sql("""
                        select a.flow, a.template_name, a.category, a.recipient, a.created_at, a.replied_at,
                            a.meeting_booked_at,
                            (select count(*) from message_status_event p
                                where p.wamid = a.wamid and p.billable = true) as billable_statuses,
                            (select max(p.pricing_category) from message_status_event p where p.wamid = a.wamid)
                                as priced_category
                        from message_attempt a
                        where a.wamid is not null and a.created_at >= ? and a.created_at < ?""")
                .params(utc(from), utc(to))
                .query((rs, n) -> {
                    String category = rs.getString("priced_category") != null ? rs.getString("priced_category")
                            : rs.getString("category");
                    String market = Markets.of(rs.getString("recipient"), null).orElse(null);
                    boolean billable = rs.getLong("billable_statuses") > 0;
                    return new CostedMessage(rs.getString("flow"), rs.getString("template_name"), category, market,
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(), billable,
                            billable ? pricing.rate(category, market) : BigDecimal.ZERO,
                            rs.getObject("replied_at") != null, rs.getObject("meeting_booked_at") != null);
                })
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
