package dev.leadflow.flow;

/** BPMN message names. A CRM may also correlate them through {@code POST /engine-rest/message}. */
public final class FlowMessages {

    /** Starts the welcome flow of a new consented lead. */
    public static final String LEAD_CREATED = "LeadCreated";
    /** The lead wrote or tapped anything on WhatsApp. */
    public static final String LEAD_REPLIED = "LeadReplied";
    /** The lead withdrew consent: every flow of the lead ends. */
    public static final String LEAD_OPTED_OUT = "LeadOptedOut";
    /** The lead is closed (a closed CRM status, a deal won or lost): every sales flow of the lead ends. */
    public static final String LEAD_CLOSED = "LeadClosed";
    /** A meeting was booked for the lead: the nurturing flows (follow-up, no-show recovery, rewarming...) end. */
    public static final String LEAD_BOOKED_MEETING = "LeadBookedMeeting";
    /** The deal was won: the post-meeting follow-up ends. */
    public static final String DEAL_WON = "DealWon";
    /** The deal was lost: the post-meeting follow-up ends. */
    public static final String DEAL_LOST = "DealLost";

    /** Starts the booking confirmation flow of one meeting; carries {@code meetingId} and the meeting's data. */
    public static final String MEETING_BOOKED = "MeetingBooked";
    /** The meeting has a new time (carried as variables); correlated by {@code meetingId}. */
    public static final String MEETING_RESCHEDULED = "MeetingRescheduled";
    /** The meeting was cancelled; correlated by {@code meetingId}. */
    public static final String MEETING_CANCELLED = "MeetingCancelled";
    /** Starts the no-show recovery of one meeting. */
    public static final String MEETING_NO_SHOW = "MeetingNoShow";
    /** Starts the post-meeting sales follow-up of one meeting. */
    public static final String MEETING_COMPLETED = "MeetingCompleted";

    /** The lead tapped "Confirm" on a meeting message; correlated by {@code meetingId}. */
    public static final String LEAD_CONFIRMED_MEETING = "LeadConfirmedMeeting";
    /** The lead tapped "Reschedule" on a meeting message; correlated by {@code meetingId}. */
    public static final String LEAD_ASKED_TO_RESCHEDULE = "LeadAskedToReschedule";

    private FlowMessages() {
    }
}
