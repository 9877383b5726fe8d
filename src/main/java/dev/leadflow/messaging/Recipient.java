package dev.leadflow.messaging;

import java.time.Instant;
import java.util.Map;

/** What the messaging service needs to know about a lead to address it. */
public record Recipient(
        String leadId,
        String phone,
        String name,
        String locale,
        String timezone,
        boolean consented,
        String owner,
        Map<String, String> attributes,
        Instant lastInboundAt) {
}
