package dev.leadflow.messaging;

import java.util.List;

/**
 * A template message ready for a channel.
 *
 * @param quickReplyPayloads payloads of the template's quick-reply buttons, in button order
 * @param callbackData       echoed back by the channel's status reports (the idempotency key)
 */
public record OutboundMessage(
        String channelId,
        String recipientPhone,
        String templateName,
        String languageCode,
        List<String> bodyParameters,
        List<String> quickReplyPayloads,
        String callbackData) {
}
