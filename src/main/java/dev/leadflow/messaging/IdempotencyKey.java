package dev.leadflow.messaging;

/**
 * Builds the key that makes a send happen at most once, from the business identity of the message
 * (never from engine ids, which change when an instance is restarted): {@code lead:flow:step[:scope]}.
 * It travels to Meta as {@code biz_opaque_callback_data}, which holds at most 512 characters.
 */
public final class IdempotencyKey {

    public static final int MAX_LENGTH = 512;

    private IdempotencyKey() {
    }

    public static String of(String leadId, String flow, String step, String scope) {
        String key = leadId + ":" + flow + ":" + step + (scope == null || scope.isBlank() ? "" : ":" + scope);
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Idempotency key longer than " + MAX_LENGTH + " characters: " + key);
        }
        return key;
    }
}
