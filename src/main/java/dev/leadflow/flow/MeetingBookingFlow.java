package dev.leadflow.flow;

/** Names in {@code processes/meeting-booking.bpmn} (booking confirmation, one instance per meeting). */
public final class MeetingBookingFlow {

    public static final String PROCESS_KEY = "meetingBooking";

    public static final String SEND_CONFIRMATION = "SendConfirmation";
    public static final String REMINDERS = "RemindBeforeMeeting";
    public static final String WAIT_MEETING_START = "WaitMeetingStart";
    /** The call activity running the rescheduling flow after the lead asked for a new time. */
    public static final String RESCHEDULING = "Rescheduling";
    public static final String END_MEETING_START_REACHED = "EndMeetingStartReached";
    public static final String END_LEAD_CONFIRMED = "EndLeadConfirmed";
    public static final String END_NOT_RESCHEDULED = "EndNotRescheduled";
    public static final String END_CANCELLED = "EndMeetingCancelled";
    public static final String HANDLE_CONFIRMATION_FAILURE = "HandleSendConfirmationFailure";
    public static final String END_CONFIRMATION_NUMBER_INVALID = "EndSendConfirmationNumberInvalid";
    public static final String END_OPTED_OUT = "EndOptedOut";
    /** Ops marked the lead's number invalid after a send failed: the whole flow ends. */
    public static final String END_NUMBER_INVALID = "EndNumberInvalid";

    private MeetingBookingFlow() {
    }
}
