package dev.leadflow.messaging;

/** What the messaging service decided for one send, and why. */
public record SendOutcome(Decision decision, String reason, String idempotencyKey, String wamid) {

    public enum Decision {
        /** Accepted by the Cloud API now. */
        SENT,
        /** An earlier attempt of the same key was sent; nothing was sent again. */
        ALREADY_SENT,
        /** A rule said this message must not go out; the flow goes on. */
        SKIPPED
    }

    static SendOutcome sent(String key, String wamid) {
        return new SendOutcome(Decision.SENT, "accepted by the Cloud API", key, wamid);
    }

    static SendOutcome alreadySent(String key, String wamid) {
        return new SendOutcome(Decision.ALREADY_SENT, "already sent earlier under the same key", key, wamid);
    }

    static SendOutcome skipped(String key, String reason) {
        return new SendOutcome(Decision.SKIPPED, reason, key, null);
    }

    /** One line for history and the timeline. */
    public String summary() {
        return decision + ": " + reason;
    }
}
