package dev.leadflow.crmevents;

import java.time.Instant;

/**
 * An event of the feed as stored: {@code body} is the exact JSON every receiver gets (and signs are
 * computed over), {@code seq} its cursor in the pull feed.
 */
public record OutboundEvent(long seq, String eventId, String type, String leadId, Instant occurredAt, String body) {
}
