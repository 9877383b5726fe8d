package dev.leadflow.messaging;

import java.time.Instant;

/** A delivery status a channel reported for a message. */
public record StatusReport(
        String wamid,
        AttemptStatus status,
        Instant occurredAt,
        Integer errorCode,
        String errorDetail,
        String pricingCategory,
        String callbackData) {
}
