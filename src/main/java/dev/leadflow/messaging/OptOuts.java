package dev.leadflow.messaging;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Whether a lead's own message withdraws its WhatsApp consent (an opt-out word of its language,
 * {@link OptOutWords}), and the withdrawal recorded. Channels hand the text over; the decision is here.
 */
@Component
public class OptOuts {

    private final OptOutWords words;
    private final RecipientDirectory recipients;

    OptOuts(OptOutWords words, RecipientDirectory recipients) {
        this.words = words;
        this.recipients = recipients;
    }

    /** @param text the typed text, or the title of a tapped button (WhatsApp's "Stop promotions") */
    public boolean isOptOut(Recipient lead, String text) {
        return words.isOptOut(text, lead.locale());
    }

    /** The lead opted out by a message at {@code at}: its consent is withdrawn, when it had one. */
    public void optOut(Recipient lead, Instant at) {
        if (lead.consented()) {
            recipients.recordOptOut(lead.leadId(), at);
        }
    }
}
