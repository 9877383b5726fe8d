package dev.leadflow.hubspot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leadflow.crm.CrmIntake.IncomingEvent;
import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.crmsync.CrmHttp.CrmApiException;
import dev.leadflow.crmsync.CrmMapping;
import dev.leadflow.crmsync.CrmRecord;
import dev.leadflow.crmsync.CrmSync;

/**
 * One HubSpot webhook event, made Leadflow's: a contact created or changed is read through the API and
 * synced as a lead; a deal's stage becomes an event of each of its contacts' leads; a meeting booked,
 * moved, held or cancelled becomes the meeting event of its contacts' leads. HubSpot's event id makes every
 * Leadflow event id, so HubSpot's retries change nothing.
 */
@Component
class HubSpotEvents {

    /** HubSpot's object type id of meetings. */
    static final String MEETING_OBJECT_TYPE = "0-47";

    private final HubSpotApi api;
    private final CrmSync sync;
    private final HubSpotProperties properties;

    HubSpotEvents(HubSpotApi api, CrmSync sync, HubSpotProperties properties) {
        this.api = api;
        this.sync = sync;
        this.properties = properties;
    }

    /** What became of the event, in words; throws {@link CrmApiException} when HubSpot's API should be asked later. */
    String handle(JsonNode event) {
        String type = event.path("subscriptionType").asText();
        String objectId = event.path("objectId").asText();
        if (type.startsWith("contact.")) {
            return type.equals("contact.deletion") ? "ignored: Leadflow keeps the lead (erase it through ops)"
                    : contact(objectId);
        }
        if (type.equals("deal.propertyChange") && "dealstage".equals(event.path("propertyName").asText())) {
            return dealStage(event, objectId);
        }
        if (type.startsWith("meeting.") || (type.startsWith("object.")
                && MEETING_OBJECT_TYPE.equals(event.path("objectTypeId").asText()))) {
            return meeting(event, type, objectId);
        }
        return "ignored: " + type;
    }

    private String contact(String contactId) {
        JsonNode contact;
        try {
            contact = api.contact(contactId, propertyNames(mapping()));
        } catch (CrmApiException e) {
            if (e.status() == 404) {
                return "skipped: contact " + contactId + " no longer exists";
            }
            throw e;
        }
        try {
            boolean created = sync.syncLead(HubSpotNotes.CRM, mapping(), contactId,
                    sync.toLead(mapping(), new CrmRecord(contact)));
            return (created ? "lead created: " : "lead updated: ") + mapping().leadIdPrefix() + contactId;
        } catch (CrmSync.NotALeadException | InvalidFieldException e) {
            return "skipped: contact " + contactId + ": " + reason(e);
        }
    }

    private String dealStage(JsonNode event, String dealId) {
        String stage = event.path("propertyValue").asText(null);
        String type = mapping().eventForStatus(stage);
        List<String> outcomes = new ArrayList<>();
        for (String contactId : api.contactsOfDeal(dealId)) {
            IncomingEvent leadflowEvent = new IncomingEvent(eventId(event, contactId), type, occurredAt(event), null,
                    null, null, null, null, stage);
            outcomes.add(applied(contactId, leadflowEvent));
        }
        return outcomes.isEmpty() ? "ignored: deal " + dealId + " has no contact" : String.join("; ", outcomes);
    }

    private String meeting(JsonNode event, String type, String meetingObjectId) {
        String leadflowType;
        JsonNode meeting;
        if (type.endsWith(".deletion")) {
            return "ignored: a deleted meeting cannot be read; cancel it with its outcome (CANCELED)";
        }
        try {
            meeting = api.meeting(meetingObjectId);
        } catch (CrmApiException e) {
            if (e.status() == 404) {
                return "skipped: meeting " + meetingObjectId + " no longer exists";
            }
            throw e;
        }
        JsonNode props = meeting.path("properties");
        String property = event.path("propertyName").asText("");
        if (type.endsWith(".creation") || property.equals("hs_meeting_start_time")
                || property.equals("hs_meeting_end_time")) {
            // booked again at another time is taken as a reschedule by the flows
            leadflowType = "MEETING_BOOKED";
        } else if (property.equals("hs_meeting_outcome")) {
            leadflowType = mapping().eventForMeetingOutcome(props.path("hs_meeting_outcome").asText(null));
            if (leadflowType == null) {
                return "ignored: meeting outcome " + props.path("hs_meeting_outcome").asText();
            }
        } else {
            return "ignored: meeting property " + property;
        }
        List<String> outcomes = new ArrayList<>();
        for (JsonNode contact : meeting.path("associations").path("contacts").path("results")) {
            String contactId = contact.path("id").asText();
            try {
                IncomingEvent leadflowEvent = new IncomingEvent(eventId(event, contactId), leadflowType,
                        occurredAt(event), "hubspot-" + meetingObjectId, time(props, "hs_meeting_start_time"),
                        time(props, "hs_meeting_end_time"), null, props.path("hs_meeting_external_url").asText(null),
                        null);
                outcomes.add(applied(contactId, leadflowEvent));
            } catch (InvalidFieldException e) {
                outcomes.add("skipped: contact " + contactId + ": " + reason(e));
            }
        }
        return outcomes.isEmpty() ? "ignored: meeting " + meetingObjectId + " has no contact"
                : String.join("; ", outcomes);
    }

    private String applied(String contactId, IncomingEvent event) {
        try {
            return sync.event(HubSpotNotes.CRM, mapping(), contactId, event)
                    .map(fresh -> event.type() + (fresh ? " for contact " : " already applied for contact ")
                            + contactId)
                    .orElse("ignored: contact " + contactId + " is no lead of Leadflow");
        } catch (InvalidFieldException e) {
            return "skipped: contact " + contactId + ": " + reason(e);
        }
    }

    private CrmMapping mapping() {
        return properties.mapping();
    }

    /** The contact properties the mapping reads ({@code properties.x} paths). */
    static Set<String> propertyNames(CrmMapping mapping) {
        Set<String> names = new LinkedHashSet<>();
        List<String> paths = new ArrayList<>(mapping.fields().values());
        paths.addAll(mapping.attributes().values());
        for (String path : paths) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("properties\\.([A-Za-z0-9_]+)")
                    .matcher(path);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static String eventId(JsonNode event, String contactId) {
        return "hubspot-" + event.path("eventId").asText() + "-" + contactId;
    }

    private static OffsetDateTime occurredAt(JsonNode event) {
        return Instant.ofEpochMilli(event.path("occurredAt").asLong()).atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime time(JsonNode properties, String name) {
        String value = properties.path(name).asText(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(value)).atOffset(ZoneOffset.UTC);
            } catch (NumberFormatException notMillis) {
                throw new InvalidFieldException(name, "not a time: " + value);
            }
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof InvalidFieldException invalid ? invalid.field() + ": " + e.getMessage() : e.getMessage();
    }
}
