package dev.leadflow.flow;

/** Names in {@code processes/welcome.bpmn}. */
public final class WelcomeFlow {

    public static final String PROCESS_KEY = "welcome";

    public static final String SEND_WELCOME = "SendWelcome";
    public static final String WAIT_FOR_REPLY = "WaitForReply";
    public static final String SEND_FOLLOW_UP = "SendFollowUp1";
    public static final String END_REPLIED = "EndLeadReplied";
    public static final String END_NO_REPLY = "EndNoReply";
    public static final String END_OPTED_OUT = "EndOptedOut";
    public static final String END_SEND_FAILED = "EndSendFailureHandled";
    /** The ops task of a welcome that could not be sent (form send-failure). */
    public static final String HANDLE_WELCOME_FAILURE = "HandleWelcomeFailure";
    /** Ops marked the number invalid after the welcome could not be sent. */
    public static final String END_WELCOME_NUMBER_INVALID = "EndWelcomeFailureHandled";

    private WelcomeFlow() {
    }
}
