package dev.leadflow.messaging;

import java.time.Instant;
import java.util.Optional;

/**
 * Who a lead is on WhatsApp besides its number, as Meta tells it: the business-scoped user id (BSUID), the
 * username, a new number, and the ad that brought it. Implemented where leads are kept.
 */
public interface LeadIdentities {

    /** The lead Meta knows by this business-scoped user id. */
    Optional<String> leadOfUserId(String userId);

    /** Keeps the user id and username Meta sent with the lead's message, where the lead has none or another. */
    void recordIdentity(String leadId, String userId, String username);

    /**
     * The lead's WhatsApp number changed (Meta's {@code user_changed_number}): its phone follows, and those who
     * keep the lead elsewhere (the CRM) are told.
     *
     * @return the number it had, or empty when the number was this one already
     */
    Optional<String> changeNumber(String leadId, String newPhone, Instant at);

    /** The first click-to-WhatsApp ad that brought the lead; a later one changes nothing. */
    void recordFirstAdReferral(String leadId, AdReferral referral, String wamid, Instant at);

    /** A click-to-WhatsApp ad as Meta's {@code referral} names it. */
    record AdReferral(String sourceId, String sourceType, String sourceUrl, String headline, String ctwaClid) {
    }
}
