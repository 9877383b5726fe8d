package dev.leadflow.messaging;

import java.time.Instant;

/** One row of the ledger: a logical message and what became of it. */
public record MessageAttempt(
        long id,
        String idempotencyKey,
        String leadId,
        String flow,
        String step,
        String templateKey,
        String templateName,
        String language,
        String category,
        String channelId,
        String recipient,
        AttemptStatus status,
        String wamid,
        Integer errorCode,
        String errorDetail,
        String pricingCategory,
        int requests,
        Instant createdAt,
        Instant updatedAt,
        Instant statusAt,
        String messageType) {

    public static final String TEMPLATE = "template";
    public static final String TEXT = "text";

    public boolean freeForm() {
        return TEXT.equals(messageType);
    }
}
