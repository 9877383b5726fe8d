package dev.leadflow.messaging;

import java.time.Duration;
import java.time.Instant;

/**
 * Meta's 24-hour customer service window: a lead's message opens it, and while it is open any message
 * may be sent; outside it only an approved template. A margin keeps a send that takes a moment from
 * landing just after the window closed.
 */
final class CustomerServiceWindow {

    static final Duration LENGTH = Duration.ofHours(24);
    static final Duration SAFETY_MARGIN = Duration.ofMinutes(5);
    /** Meta's error for free-form text outside the window. */
    static final int REENGAGEMENT_REQUIRED = 131047;

    private CustomerServiceWindow() {
    }

    static boolean isOpen(Instant lastInboundAt, Instant now) {
        return lastInboundAt != null && !lastInboundAt.isAfter(now)
                && now.isBefore(lastInboundAt.plus(LENGTH).minus(SAFETY_MARGIN));
    }
}
