package dev.leadflow.flow;

/** Names in {@code processes/welcome.bpmn}. */
public final class WelcomeFlow {

    public static final String PROCESS_KEY = "welcome";

    public static final String SEND_WELCOME = "SendWelcome";
    /** The call activity running the follow-up flow while the welcome waits for a reply. */
    public static final String WAIT_FOR_REPLY = "WaitForReply";
    public static final String END_DONE = "EndWelcomeDone";
    public static final String END_MEETING_BOOKED_FIRST = "EndMeetingBookedFirst";
    public static final String END_LEAD_CLOSED_FIRST = "EndLeadClosedFirst";
    public static final String END_OPTED_OUT = "EndOptedOut";
    /** The ops task of a welcome that could not be sent (form send-failure). */
    public static final String HANDLE_WELCOME_FAILURE = "HandleWelcomeFailure";
    /** Ops marked the number invalid after the welcome could not be sent. */
    public static final String END_WELCOME_NUMBER_INVALID = "EndWelcomeFailureHandled";

    private WelcomeFlow() {
    }
}
