package dev.leadflow.messaging;

import java.util.List;

/**
 * A message ready for a channel: a template, or a free-form text inside the lead's 24-hour window.
 *
 * @param quickReplyPayloads payloads of the template's quick-reply buttons, in button order
 * @param callbackData       echoed back by the channel's status reports (the idempotency key)
 * @param text               the free-form body; null for a template message
 */
public record OutboundMessage(
        String channelId,
        String recipientPhone,
        String templateName,
        String languageCode,
        List<String> bodyParameters,
        List<String> quickReplyPayloads,
        String callbackData,
        String text) {

    /** A template message. */
    public OutboundMessage(String channelId, String recipientPhone, String templateName, String languageCode,
                           List<String> bodyParameters, List<String> quickReplyPayloads, String callbackData) {
        this(channelId, recipientPhone, templateName, languageCode, bodyParameters, quickReplyPayloads, callbackData,
                null);
    }

    public boolean freeForm() {
        return text != null;
    }
}
