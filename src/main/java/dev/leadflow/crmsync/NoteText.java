package dev.leadflow.crmsync;

import com.fasterxml.jackson.databind.JsonNode;

/** One line a salesperson reads on the CRM record: what happened, in words. */
public final class NoteText {

    private NoteText() {
    }

    public static String of(JsonNode event) {
        JsonNode data = event.path("data");
        String what = switch (event.path("type").asText()) {
            case "message.sent" -> "WhatsApp message sent" + step(data);
            case "message.delivered" -> "WhatsApp message delivered" + step(data);
            case "message.read" -> "WhatsApp message read" + step(data);
            case "message.failed" -> "WhatsApp message failed" + step(data) + ": "
                    + data.path("errorDetail").asText("error " + data.path("errorCode").asText("unknown"));
            case "lead.replied" -> "Replied on WhatsApp: \"" + data.path("reply").asText() + "\"";
            case "lead.opted_out" -> "Opted out of WhatsApp messages";
            case "lead.phone_changed" -> "Phone number changed to " + data.path("newPhone").asText();
            case "meeting.confirmed" -> "Confirmed meeting " + data.path("meetingId").asText() + " on WhatsApp";
            case "meeting.reschedule_requested" -> "Asked on WhatsApp to reschedule meeting "
                    + data.path("meetingId").asText();
            case "flow.started" -> "Leadflow started " + data.path("flow").asText();
            case "flow.ended" -> "Leadflow " + data.path("flow").asText()
                    + (data.path("cancelled").asBoolean() ? " cancelled" : " ended");
            case "task.created" -> "Task for the team: " + data.path("name").asText(data.path("task").asText());
            default -> event.path("type").asText();
        };
        return "Leadflow: " + what + " (" + event.path("occurredAt").asText() + ")";
    }

    private static String step(JsonNode data) {
        return data.hasNonNull("template") ? " (" + data.path("template").asText() + ", " + data.path("flow").asText()
                + ")" : "";
    }
}
