package dev.leadflow.whatsapp;

import java.time.Instant;

/**
 * A message from a WhatsApp user: typed text, a quick-reply button tap or an interactive reply.
 *
 * @param payload the button's payload or the interactive reply's id; null for text
 */
record InboundMessage(String wamid, String fromWaId, String type, String text, String payload,
                      String contextWamid, Instant occurredAt) {

    /** What a flow sees as the reply: the payload of a tap, or the text. */
    String reply() {
        return payload != null ? payload : text == null ? "" : text;
    }
}
