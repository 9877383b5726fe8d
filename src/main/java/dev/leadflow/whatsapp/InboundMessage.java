package dev.leadflow.whatsapp;

import java.time.Instant;

/**
 * A message from a WhatsApp user: typed text, a quick-reply button tap, an interactive reply, or media.
 *
 * @param text    the typed text, or the title of the tapped button; null for media without caption
 * @param payload the button's payload or the interactive reply's id; null for anything else
 */
record InboundMessage(String wamid, String fromWaId, String type, String text, String payload,
                      String contextWamid, Instant occurredAt) {

    /** What a flow sees as the reply: the payload of a tap, the text, or the kind of media. */
    String reply() {
        if (payload != null) {
            return payload;
        }
        return text != null ? text : "[" + type + "]";
    }

    /** WhatsApp's own notices (e.g. the user changed number) are not something the lead wrote. */
    boolean fromTheUser() {
        return !"system".equals(type);
    }
}
