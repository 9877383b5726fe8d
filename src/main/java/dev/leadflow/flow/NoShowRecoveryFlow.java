package dev.leadflow.flow;

/** Names in {@code processes/no-show-recovery.bpmn}. */
public final class NoShowRecoveryFlow {

    public static final String PROCESS_KEY = "noShowRecovery";

    public static final String SEND_WE_MISSED_YOU = "SendWeMissedYou";
    public static final String SEND_FOLLOW_UP = "SendNoShowFollowUp";
    public static final String CALL_THE_LEAD = "CallTheLead";
    public static final String ESCALATE = "EscalateTask";
    public static final String END_OWNER_FOLLOWED_UP = "EndOwnerFollowedUp";
    public static final String END_ESCALATED = "EndEscalated";
    public static final String END_REPLIED = "EndLeadReplied";
    public static final String END_REBOOKED = "EndLeadRebooked";
    public static final String END_MEETING_CANCELLED = "EndMeetingCancelled";
    public static final String END_LEAD_CLOSED = "EndLeadClosed";
    public static final String HANDLE_WE_MISSED_YOU_FAILURE = "HandleSendWeMissedYouFailure";
    public static final String END_OPTED_OUT = "EndOptedOut";
    /** Ops marked the lead's number invalid after a send failed: the whole flow ends. */
    public static final String END_NUMBER_INVALID = "EndNumberInvalid";

    private NoShowRecoveryFlow() {
    }
}
