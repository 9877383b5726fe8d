package dev.leadflow.messaging;

import java.time.Instant;

/**
 * What the messaging service decided for one send, and why.
 *
 * @param deferredUntil for {@link Decision#DEFERRED}: not before this moment
 */
public record SendOutcome(Decision decision, String reason, String idempotencyKey, String wamid,
                          Instant deferredUntil) {

    public enum Decision {
        /** Accepted by the Cloud API now. */
        SENT,
        /** An attempt of the same step (this key, or an operator's re-send of it) was sent; nothing was sent again. */
        ALREADY_SENT,
        /** A rule said this message must not go out; the flow goes on. */
        SKIPPED,
        /** A rule said not now (quiet hours, frequency cap, a paused channel...): ask again at {@code deferredUntil}. */
        DEFERRED
    }

    static SendOutcome sent(String key, String wamid, String how) {
        return new SendOutcome(Decision.SENT, how, key, wamid, null);
    }

    static SendOutcome alreadySent(String key, String wamid) {
        return new SendOutcome(Decision.ALREADY_SENT, "nothing sent: this step's message was already sent as " + key,
                key, wamid, null);
    }

    static SendOutcome skipped(String key, String reason) {
        return new SendOutcome(Decision.SKIPPED, reason, key, null, null);
    }

    static SendOutcome deferred(String key, Deferral deferral) {
        return new SendOutcome(Decision.DEFERRED, deferral.reason(), key, null, deferral.until());
    }

    /** One line for history and the timeline. */
    public String summary() {
        return decision + ": " + reason;
    }
}
