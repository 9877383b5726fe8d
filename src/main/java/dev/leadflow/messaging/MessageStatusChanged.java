package dev.leadflow.messaging;

/**
 * Published after a reported status moved a ledger entry forward (for example to FAILED with Meta's
 * error code), so the messaging rules can react: listen with {@code @EventListener}.
 */
public record MessageStatusChanged(MessageAttempt attempt, StatusReport report) {
}
