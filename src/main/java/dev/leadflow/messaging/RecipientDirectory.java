package dev.leadflow.messaging;

import java.time.Instant;
import java.util.Optional;

/** The lead directory as the messaging side sees it; implemented where leads are kept. */
public interface RecipientDirectory {

    Optional<Recipient> find(String leadId);

    /** The lead whose WhatsApp number this is (E.164 with a leading +). */
    Optional<Recipient> findByPhone(String e164);

    /** A message from the lead arrived: it opens the 24-hour customer service window. */
    void recordInbound(String leadId, Instant at);
}
