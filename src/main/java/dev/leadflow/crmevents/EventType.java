package dev.leadflow.crmevents;

import java.util.Arrays;
import java.util.Optional;

/** The events of the outbound feed, by their wire names (docs/crm-events.md). */
public enum EventType {
    MESSAGE_SENT("message.sent"),
    MESSAGE_DELIVERED("message.delivered"),
    MESSAGE_READ("message.read"),
    MESSAGE_FAILED("message.failed"),
    LEAD_REPLIED("lead.replied"),
    LEAD_OPTED_OUT("lead.opted_out"),
    LEAD_PHONE_CHANGED("lead.phone_changed"),
    MEETING_CONFIRMED("meeting.confirmed"),
    MEETING_RESCHEDULE_REQUESTED("meeting.reschedule_requested"),
    FLOW_STARTED("flow.started"),
    FLOW_ENDED("flow.ended"),
    TASK_CREATED("task.created");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
