package dev.leadflow.whatsapp;

import java.time.Instant;

/**
 * A message from a WhatsApp user as Meta sent it, read into what Leadflow needs.
 *
 * @param channelId    the business number's phone-number id it was sent to ({@code metadata}); null when absent
 * @param fromWaId     the sender's number without + ; null when Meta withholds it (a username user)
 * @param fromUserId   the sender's business-scoped user id (BSUID), when Meta sends it
 * @param text         the typed text, a caption, or the title of the tapped button; null for anything else
 * @param payload      the button's payload or the interactive reply's id; null for anything else
 * @param summary      what the timeline shows: short, without the sender's numbers
 * @param mediaId      the id to fetch the media through the Cloud API while Meta keeps it
 * @param change       a system notice's new number (without +) or new user id; null for anything else
 */
record InboundMessage(String wamid, InboundKind kind, String type, String channelId, String fromWaId,
                      String fromUserId, String username, String text, String payload, String summary,
                      String mediaId, String contextWamid, AdReferral referral, String change, Instant occurredAt) {

    /** Who sent it, for logs and the unmatched inbox: the number when there is one, else the user id. */
    String sender() {
        return fromWaId != null ? fromWaId : fromUserId;
    }

    /** What a flow sees as the reply: the payload of a tap, the text, or the kind of message. */
    String reply() {
        if (payload != null) {
            return payload;
        }
        return text != null ? text : "[" + type + "]";
    }

    /**
     * The click-to-WhatsApp ad a message came from ({@code referral}).
     *
     * @param sourceType {@code ad} or {@code post}
     * @param ctwaClid   the ad click id, for the ad platform's conversions
     */
    record AdReferral(String sourceId, String sourceType, String sourceUrl, String headline, String ctwaClid) {
    }
}
