package dev.leadflow.flow;

/**
 * What the outside (CRM API, webhooks) may ask of the flows. Controllers never touch the engine directly.
 * Correlations that collide with a concurrent change of the same instance are retried here; called inside
 * a transaction they throw {@link FlowConflictException} instead, and the caller retries its transaction.
 */
public interface FlowPort {

    /** Starts the welcome flow of a new consented lead; a second call for the same lead does nothing. */
    void startWelcome(String leadId);

    /**
     * Tells every flow of the lead that waits for a reply that one came.
     *
     * @return how many flows took it (zero is fine: nobody waited)
     */
    int leadReplied(String leadId, String reply);

    /**
     * The lead answered a meeting message with a quick reply ({@code CONFIRM:<meetingId>} or
     * {@code RESCHEDULE:<meetingId>}): tells the flows of that meeting.
     *
     * @return how many flows took it
     */
    int meetingReply(String leadId, String meetingId, MeetingReply reply);

    enum MeetingReply { CONFIRM, RESCHEDULE }

    /** Ends every flow of the lead: it withdrew consent. */
    int leadOptedOut(String leadId);
}
