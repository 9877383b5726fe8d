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

    /** The lead withdrew WhatsApp consent on WhatsApp itself (an opt-out word). */
    void withdrawConsent(String leadId, Instant at);

    /**
     * The user of this number stopped ({@code true}) or resumed marketing messages in WhatsApp (Meta's
     * {@code user_preferences} webhook). A report older than the one recorded changes nothing.
     */
    void recordMarketingPreference(String e164, boolean stopped, Instant reportedAt);

    /** Whether the lead's number last told Meta to stop marketing messages. */
    boolean marketingStopped(String leadId);
}
