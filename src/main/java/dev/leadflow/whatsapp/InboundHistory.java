package dev.leadflow.whatsapp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a lead sent on WhatsApp, oldest first: for the timeline and the Cockpit's Messages tab. */
@Component
public class InboundHistory {

    private final JdbcClient jdbc;

    InboundHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One message the lead sent.
     *
     * @param kind          Leadflow's kind (docs/inbound.md), e.g. IMAGE, REACTION_REMOVED
     * @param countedAsReply whether the lead's flows took it as its reply
     * @param summary       what it was, safe to show: caption, file name, emoji, button title, Flow fields...
     * @param mediaId       fetch the file with {@code GET /api/ops/media/{mediaId}} while Meta keeps it
     * @param channelId     the business number it was sent to
     * @param contextWamid  the message it answers, reacts to, edits or deletes
     * @param adHeadline    the click-to-WhatsApp ad it came from
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Received(String wamid, Instant at, String kind, boolean countedAsReply, String summary,
                           String mediaId, String channelId, String contextWamid, boolean optOut, String adSourceId,
                           String adHeadline) {
    }

    public List<Received> ofLead(String leadId) {
        return jdbc.sql("""
                        select wamid, occurred_at, kind, type, counts_as_reply, summary, body, payload, media_id,
                            channel_id, context_wamid, opt_out, ad_source_id, ad_headline
                        from inbound_message where lead_id = ? order by occurred_at, received_at""")
                .param(leadId)
                .query((rs, n) -> new Received(rs.getString("wamid"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        InboundLog.kindOf(rs.getString("kind")).name(), rs.getBoolean("counts_as_reply"),
                        summaryOf(rs.getString("summary"), rs.getString("body"), rs.getString("payload"),
                                rs.getString("type")),
                        rs.getString("media_id"), rs.getString("channel_id"), rs.getString("context_wamid"),
                        rs.getBoolean("opt_out"), rs.getString("ad_source_id"), rs.getString("ad_headline")))
                .list();
    }

    /** Rows stored before summaries were kept: the text, the tap, or the type. */
    private static String summaryOf(String summary, String text, String payload, String type) {
        if (summary != null) {
            return summary;
        }
        if (payload != null) {
            return "tapped " + (text != null ? "\"" + text.strip() + "\" (" + payload + ")" : payload);
        }
        return text != null ? text.strip() : "[" + type + "]";
    }
}
