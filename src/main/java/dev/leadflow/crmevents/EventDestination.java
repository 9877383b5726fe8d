package dev.leadflow.crmevents;

import java.time.Duration;

/**
 * Where the deliveries of one kind of subscription go: the CRM's URL ({@link Subscriptions#WEBHOOK}), or
 * an adapter inside Leadflow that writes them into a CRM (HubSpot, Pipedrive). A bean per kind.
 */
public interface EventDestination {

    /** The subscription kind this destination serves. */
    String kind();

    /**
     * Delivers one event; returns normally only when the receiver has it. Runs outside any transaction,
     * on a sender thread, never on a flow's.
     *
     * @throws DeliveryFailedException when it should be tried again later
     */
    void deliver(Subscriptions.Subscription subscription, OutboundEvent event);

    /** The receiver did not take the event; {@code retryAfter} when it said how long to wait (HTTP 429). */
    class DeliveryFailedException extends RuntimeException {

        private final Duration retryAfter;

        public DeliveryFailedException(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public DeliveryFailedException(String message, Throwable cause) {
            super(message, cause);
            this.retryAfter = null;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
