package dev.leadflow.tracking;

import java.time.Instant;

/** One thing that happened to a lead. */
public record TimelineEntry(Instant at, Kind kind, String flow, String step, String detail) {

    /** In story order: of two entries at the same instant, the earlier kind comes first. */
    public enum Kind {
        /** An event the CRM sent (meeting booked, status changed, opted out...) and what Leadflow did. */
        CRM_EVENT,
        FLOW_STARTED,
        STEP_REACHED,
        /** The variant of a template experiment the lead was given (once per experiment). */
        EXPERIMENT_VARIANT,
        MESSAGE_SENT,
        MESSAGE_DELIVERED,
        MESSAGE_READ,
        MESSAGE_FAILED,
        STEP_SKIPPED,
        STEP_DEFERRED,
        REPLY_RECEIVED,
        /** Something from the lead's WhatsApp that is not a reply: a removed reaction, an edit, a number change. */
        NOTICE_RECEIVED,
        RETRY,
        INCIDENT,
        OPERATOR_ACTION,
        FLOW_ENDED
    }
}
