package dev.leadflow.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * What the messaging service needs to know about a lead to address it.
 *
 * @param marketingStopped the lead stopped marketing messages in WhatsApp (131050) and has not opted in since
 * @param undeliverable    its current number cannot receive WhatsApp messages (131026 or an operator's decision)
 */
public record Recipient(
        String leadId,
        String phone,
        String name,
        String locale,
        String timezone,
        boolean consented,
        String owner,
        Map<String, String> attributes,
        Instant lastInboundAt,
        boolean marketingStopped,
        boolean undeliverable) {
}
