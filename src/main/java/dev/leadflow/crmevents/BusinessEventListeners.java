package dev.leadflow.crmevents;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.leadflow.crm.LeadPhoneChanged;
import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.messaging.MessageStatusChanged;
import dev.leadflow.whatsapp.LeadAnswered;

/**
 * Turns what Leadflow publishes inside its transactions into events of the feed. Listeners run
 * synchronously in the publisher's transaction, so the event row commits exactly when the fact does.
 */
@Component
class BusinessEventListeners {

    private final OutboundEvents events;

    BusinessEventListeners(OutboundEvents events) {
        this.events = events;
    }

    @EventListener
    void on(MessageStatusChanged changed) {
        EventType type = switch (changed.report().status()) {
            case SENT -> EventType.MESSAGE_SENT;
            case DELIVERED -> EventType.MESSAGE_DELIVERED;
            case READ -> EventType.MESSAGE_READ;
            case FAILED -> EventType.MESSAGE_FAILED;
            default -> null;
        };
        if (type == null) {
            return;
        }
        MessageAttempt attempt = changed.attempt();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", String.valueOf(attempt.id()));
        data.put("flow", attempt.flow());
        data.put("step", attempt.step());
        data.put("template", attempt.templateName());
        data.put("wamid", attempt.wamid());
        if (type == EventType.MESSAGE_FAILED) {
            data.put("errorCode", changed.report().errorCode());
            data.put("errorDetail", changed.report().errorDetail());
        }
        events.record(type, attempt.leadId(), changed.report().occurredAt(), data);
    }

    @EventListener
    void on(LeadAnswered answered) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("wamid", answered.wamid());
        EventType type = switch (answered.answer()) {
            case REPLIED -> EventType.LEAD_REPLIED;
            case OPTED_OUT -> EventType.LEAD_OPTED_OUT;
            case MEETING_CONFIRMED -> EventType.MEETING_CONFIRMED;
            case RESCHEDULE_REQUESTED -> EventType.MEETING_RESCHEDULE_REQUESTED;
        };
        if (answered.meetingId() != null) {
            data.put("meetingId", answered.meetingId());
        }
        if (type == EventType.LEAD_OPTED_OUT) {
            data.put("source", "whatsapp");
        }
        data.put("reply", answered.reply());
        events.record(type, answered.leadId(), answered.at(), data);
    }

    @EventListener
    void on(LeadPhoneChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("oldPhone", changed.oldPhone());
        data.put("newPhone", changed.newPhone());
        events.record(EventType.LEAD_PHONE_CHANGED, changed.leadId(), changed.at(), data);
    }
}
