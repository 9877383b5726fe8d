package dev.leadflow.flow;

/** Names in {@code processes/follow-up.bpmn}. */
public final class FollowUpFlow {

    public static final String PROCESS_KEY = "followUp";

    public static final String SEND_FOLLOW_UP_1 = "SendFollowUp1";
    public static final String SEND_FOLLOW_UP_2 = "SendFollowUp2";
    public static final String SEND_FOLLOW_UP_3 = "SendFollowUp3";
    public static final String END_REPLIED = "EndLeadReplied";
    public static final String END_MEETING_BOOKED = "EndMeetingBooked";
    public static final String END_LEAD_CLOSED = "EndLeadClosed";
    /** No response to any follow-up: the lead became a rewarming candidate. */
    public static final String END_NO_RESPONSE = "EndNoResponse";
    /** Every send has its ops task and "number invalid" end; these are follow-up 1's. */
    public static final String HANDLE_FOLLOW_UP_1_FAILURE = "HandleSendFollowUp1Failure";
    public static final String END_FOLLOW_UP_1_NUMBER_INVALID = "EndSendFollowUp1NumberInvalid";
    public static final String END_OPTED_OUT = "EndOptedOut";
    /** Ops marked the lead's number invalid after a send failed: the whole flow ends. */
    public static final String END_NUMBER_INVALID = "EndNumberInvalid";

    private FollowUpFlow() {
    }
}
