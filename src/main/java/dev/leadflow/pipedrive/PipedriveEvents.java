package dev.leadflow.pipedrive;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leadflow.crm.CrmIntake.IncomingEvent;
import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.crmsync.CrmMapping;
import dev.leadflow.crmsync.CrmRecord;
import dev.leadflow.crmsync.CrmSync;

/**
 * One Pipedrive webhook (v2), made Leadflow's: a person created or changed is synced as a lead, a deal won
 * or lost becomes an event of its person's lead, an activity of a meeting type becomes a meeting booked,
 * moved, done or cancelled. The payload carries the record, so no API call is needed; Pipedrive's event id
 * makes the Leadflow event id, so a redelivery changes nothing.
 */
@Component
class PipedriveEvents {

    private final CrmSync sync;
    private final PipedriveProperties properties;

    PipedriveEvents(CrmSync sync, PipedriveProperties properties) {
        this.sync = sync;
        this.properties = properties;
    }

    String handle(JsonNode webhook) {
        JsonNode meta = webhook.path("meta");
        String action = meta.path("action").asText();
        String entity = meta.path("entity").asText();
        JsonNode data = webhook.path("data");
        JsonNode previous = webhook.path("previous");
        return switch (entity) {
            case "person" -> action.equals("delete") ? "ignored: Leadflow keeps the lead (erase it through ops)"
                    : person(meta.path("entity_id").asText(), data);
            case "deal" -> action.equals("change") ? deal(meta, data, previous) : "ignored: deal " + action;
            case "activity" -> activity(meta, action, data, previous);
            default -> "ignored: " + entity;
        };
    }

    private String person(String personId, JsonNode person) {
        try {
            boolean created = sync.syncLead(PipedriveNotes.CRM, mapping(), personId,
                    sync.toLead(mapping(), new CrmRecord(person)));
            return (created ? "lead created: " : "lead updated: ") + mapping().leadIdPrefix() + personId;
        } catch (CrmSync.NotALeadException | InvalidFieldException e) {
            return "skipped: person " + personId + ": " + reason(e);
        }
    }

    private String deal(JsonNode meta, JsonNode deal, JsonNode previous) {
        if (!previous.has("status")) {
            return "ignored: the deal's status did not change";
        }
        String status = deal.path("status").asText(null);
        String personId = deal.path("person_id").asText(null);
        if (personId == null || personId.isBlank()) {
            return "ignored: the deal has no person";
        }
        IncomingEvent event = new IncomingEvent(eventId(meta), mapping().eventForStatus(status), occurredAt(meta),
                null, null, null, null, null, status);
        return applied(personId, event);
    }

    private String activity(JsonNode meta, String action, JsonNode data, JsonNode previous) {
        JsonNode activity = action.equals("delete") && !data.isObject() ? previous : data;
        if (!properties.meetingTypes().contains(activity.path("type").asText())) {
            return "ignored: activity of type " + activity.path("type").asText();
        }
        String personId = personOf(activity);
        if (personId == null) {
            return "ignored: the meeting has no person";
        }
        String type;
        if (action.equals("create")) {
            type = "MEETING_BOOKED";
        } else if (action.equals("delete")) {
            type = "MEETING_CANCELLED";
        } else if (previous.has("done") && activity.path("done").asBoolean()) {
            type = mapping().eventForMeetingOutcome("done");
        } else if (previous.has("due_date") || previous.has("due_time") || previous.has("duration")) {
            // booked again at another time is taken as a reschedule by the flows
            type = "MEETING_BOOKED";
        } else {
            return "ignored: no change of the meeting's time or outcome";
        }
        if (type == null) {
            return "ignored: meeting outcome done is not mapped";
        }
        try {
            OffsetDateTime startsAt = startOf(activity);
            OffsetDateTime endsAt = startsAt == null ? null
                    : startsAt.plus(duration(activity.path("duration").asText(null)));
            IncomingEvent event = new IncomingEvent(eventId(meta), type, occurredAt(meta),
                    "pipedrive-activity-" + activity.path("id").asText(), startsAt, endsAt, null,
                    activity.path("location").asText(null), null);
            return applied(personId, event);
        } catch (InvalidFieldException e) {
            return "skipped: person " + personId + ": " + reason(e);
        }
    }

    private String applied(String personId, IncomingEvent event) {
        try {
            return sync.event(PipedriveNotes.CRM, mapping(), personId, event)
                    .map(fresh -> event.type() + (fresh ? " for person " : " already applied for person ") + personId)
                    .orElse("ignored: person " + personId + " is no lead of Leadflow");
        } catch (InvalidFieldException e) {
            return "skipped: person " + personId + ": " + reason(e);
        }
    }

    private CrmMapping mapping() {
        return properties.mapping();
    }

    /** The activity's person: {@code person_id}, else its primary participant. */
    private static String personOf(JsonNode activity) {
        if (activity.hasNonNull("person_id") && !activity.path("person_id").asText().isBlank()) {
            return activity.path("person_id").asText();
        }
        for (JsonNode participant : activity.path("participants")) {
            if (participant.path("primary").asBoolean(false) || activity.path("participants").size() == 1) {
                return participant.path("person_id").asText();
            }
        }
        return null;
    }

    /** Pipedrive keeps an activity's date and time in UTC, the time as HH:MM. */
    private static OffsetDateTime startOf(JsonNode activity) {
        String date = activity.path("due_date").asText(null);
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            String time = activity.path("due_time").asText("");
            LocalTime at = time.isBlank() ? LocalTime.of(9, 0)
                    : LocalTime.parse(time.length() == 5 ? time : time.substring(0, 5));
            return LocalDate.parse(date).atTime(at).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("due_date", "not a date and time: " + date);
        }
    }

    private static Duration duration(String hoursAndMinutes) {
        if (hoursAndMinutes == null || !hoursAndMinutes.matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
            return Duration.ofMinutes(30);
        }
        String[] parts = hoursAndMinutes.split(":");
        return Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]));
    }

    private static String eventId(JsonNode meta) {
        return "pipedrive-" + meta.path("id").asText();
    }

    private static OffsetDateTime occurredAt(JsonNode meta) {
        JsonNode timestamp = meta.path("timestamp");
        if (timestamp.canConvertToLong()) {
            long value = timestamp.asLong();
            // seconds or milliseconds since the epoch
            return Instant.ofEpochMilli(value < 100_000_000_000L ? value * 1000 : value).atOffset(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(timestamp.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof InvalidFieldException invalid ? invalid.field() + ": " + e.getMessage() : e.getMessage();
    }
}
