package dev.leadflow.tracking;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.tracking.TimelineEntry.Kind;

/**
 * The CRM's events in the lead's timeline ({@link Kind#CRM_EVENT}): a meeting booked, a status changed,
 * consent withdrawn, with what Leadflow did about it. Placed when the CRM says it happened, else when it
 * arrived.
 */
@Component
class CrmEventEntries implements TimelineSource {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CrmEventEntries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<TimelineEntry> entriesOf(String leadId) {
        return jdbc.sql("select type, occurred_at, received_at, payload, result from crm_event where lead_id = ?")
                .param(leadId)
                .query((rs, n) -> {
                    OffsetDateTime occurred = rs.getObject("occurred_at", OffsetDateTime.class);
                    OffsetDateTime at = occurred != null ? occurred : rs.getObject("received_at", OffsetDateTime.class);
                    return new TimelineEntry(at.toInstant(), Kind.CRM_EVENT, null, null,
                            describe(rs.getString("type"), rs.getString("payload"), rs.getString("result")));
                })
                .list();
    }

    private String describe(String type, String payload, String result) {
        List<String> parts = new ArrayList<>(List.of(type));
        JsonNode event = read(payload);
        if (event.hasNonNull("status")) {
            parts.add("status " + event.path("status").asText());
        }
        JsonNode meeting = event.path("meeting");
        if (meeting.hasNonNull("id")) {
            parts.add("meeting " + meeting.path("id").asText()
                    + (meeting.hasNonNull("startsAt") ? " at " + meeting.path("startsAt").asText() : ""));
        }
        List<String> actions = new ArrayList<>();
        read(result).path("actions").forEach(action -> actions.add(action.asText()));
        return String.join(", ", parts) + (actions.isEmpty() ? "" : ": " + String.join("; ", actions));
    }

    private JsonNode read(String stored) {
        try {
            return stored == null ? json.createObjectNode() : json.readTree(stored);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
