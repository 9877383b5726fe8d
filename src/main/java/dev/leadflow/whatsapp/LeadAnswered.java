package dev.leadflow.whatsapp;

import java.time.Instant;

/**
 * A lead wrote or tapped something in WhatsApp. Published inside the transaction that records the
 * inbound message, so a listener's writes commit (or roll back) with it.
 *
 * @param meetingId for a meeting quick reply (Confirm, Reschedule); null otherwise
 * @param reply     what a flow sees as the reply: the tap's payload, the text, or the kind of media
 */
public record LeadAnswered(String leadId, String wamid, Answer answer, String meetingId, String reply,
                           Instant at) {

    public enum Answer { REPLIED, OPTED_OUT, MEETING_CONFIRMED, RESCHEDULE_REQUESTED }
}
