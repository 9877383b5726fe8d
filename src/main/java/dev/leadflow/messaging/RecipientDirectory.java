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

    /** The lead sent an opt-out word: it withdrew its WhatsApp consent. */
    void recordOptOut(String leadId, Instant at);

    /** Meta said the lead stopped marketing messages (131050); an opt-in clears it. */
    void recordMarketingStopped(String leadId, Instant at);

    /** This number of the lead cannot receive WhatsApp messages; a new number from the CRM clears it. */
    void recordUndeliverable(String leadId, String phone, Instant at);

    /** The number works after all (an operator retried and it was accepted). */
    void clearUndeliverable(String leadId);

    /**
     * The user of this number stopped ({@code true}) or resumed marketing messages in WhatsApp itself (Meta's
     * {@code user_preferences} webhook): sets or lifts the marketing stop of the number's leads. A report
     * older than the last one recorded for the number changes nothing, whatever the arrival order.
     */
    void recordMarketingPreference(String e164, boolean stopped, Instant reportedAt);
}
