package dev.leadflow.messaging;

/**
 * What happens to a send whose outcome stayed unknown (timeout, reset, 5xx without a body) and for which
 * no status arrived within the quiet period. Configured per template category.
 */
public enum AmbiguousSendPolicy {
    /** Send it once more (the lead might get it twice); a second unknown outcome goes to ops. */
    RESEND_ONCE,
    /** Hand it to ops as a permanent failure: a person decides. */
    OPS,
    /** Give it up and let the flow go on. */
    SKIP
}
