package dev.leadflow.messaging;

import java.time.Instant;

/**
 * One row of the ledger: a logical message and what became of it.
 *
 * @param stepKey    the key of the send step it belongs to: its own key, or for an operator's re-send the
 *                   key of the step whose failed message it sends again
 * @param acceptedAt when the Cloud API accepted it; null while it was not
 * @param resendOf   the failed attempt an operator sent again as this one; null for a flow's own send
 */
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
        String messageType,
        String stepKey,
        Instant acceptedAt,
        Long resendOf) {

    public static final String TEMPLATE = "template";
    public static final String TEXT = "text";

    public boolean freeForm() {
        return TEXT.equals(messageType);
    }
}
