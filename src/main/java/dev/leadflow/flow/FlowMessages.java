package dev.leadflow.flow;

/** BPMN message names. A CRM may also correlate them through {@code POST /engine-rest/message}. */
public final class FlowMessages {

    /** Starts the welcome flow of a new consented lead. */
    public static final String LEAD_CREATED = "LeadCreated";
    /** The lead wrote or tapped anything on WhatsApp. */
    public static final String LEAD_REPLIED = "LeadReplied";
    /** The lead withdrew consent: every flow of the lead ends. */
    public static final String LEAD_OPTED_OUT = "LeadOptedOut";

    /** The lead tapped "Confirm" on a meeting message; correlated by {@code meetingId}. */
    public static final String LEAD_CONFIRMED_MEETING = "LeadConfirmedMeeting";
    /** The lead tapped "Reschedule" on a meeting message; correlated by {@code meetingId}. */
    public static final String LEAD_ASKED_TO_RESCHEDULE = "LeadAskedToReschedule";

    private FlowMessages() {
    }
}
