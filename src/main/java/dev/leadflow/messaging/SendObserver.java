package dev.leadflow.messaging;

/**
 * Told about every decision of {@link MessagingService#send}: metrics and logs implement it as a bean.
 * Called on the sending thread after the decision, so it must be quick; what it throws is logged and
 * ignored, never stopping a send.
 */
public interface SendObserver {

    /** The send returned this outcome (sent, already sent, skipped, ...). */
    void decided(SendCommand command, SendOutcome outcome);

    /**
     * The send did not happen now and the caller gets {@code failure}: a {@link RetryLaterException}, a
     * {@link PermanentSendFailureException}, or whatever else the rules throw.
     */
    void refused(SendCommand command, RuntimeException failure);
}
