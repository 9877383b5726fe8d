package dev.leadflow.tracking;

import java.time.Instant;

/** One thing that happened to a lead. */
public record TimelineEntry(Instant at, Kind kind, String flow, String step, String detail) {

    public enum Kind {
        FLOW_STARTED,
        STEP_REACHED,
        MESSAGE_SENT,
        MESSAGE_DELIVERED,
        MESSAGE_READ,
        MESSAGE_FAILED,
        STEP_SKIPPED,
        STEP_DEFERRED,
        REPLY_RECEIVED,
        RETRY,
        INCIDENT,
        OPERATOR_ACTION,
        FLOW_ENDED
    }
}
