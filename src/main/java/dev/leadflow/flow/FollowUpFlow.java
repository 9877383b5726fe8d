package dev.leadflow.flow;

import java.util.Map;

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

    public static final String WAIT_ONE_DAY = "WaitOneDay";
    public static final String WAIT_THREE_DAYS = "WaitThreeDays";
    public static final String WAIT_ONE_WEEK = "WaitOneWeek";
    public static final String WAIT_LAST_WEEK = "WaitLastWeek";

    /** The timer a lead waits at once a step ({@code step} input of the send task) went out. */
    static final Map<String, String> WAIT_AFTER_STEP = Map.of(
            "welcome", WAIT_ONE_DAY,
            "follow-up-1", WAIT_THREE_DAYS,
            "follow-up-2", WAIT_ONE_WEEK,
            "follow-up-3", WAIT_LAST_WEEK);

    private FollowUpFlow() {
    }
}
