package dev.leadflow.flow;

/** Names in {@code processes/rewarming.bpmn} and {@code processes/rewarming-dispatcher.bpmn}. */
public final class RewarmingFlow {

    public static final String PROCESS_KEY = "rewarming";
    public static final String DISPATCHER_PROCESS_KEY = "rewarmingDispatcher";

    public static final String WAIT_SLOT = "WaitSlot";
    public static final String END_ATTEMPTS_USED_UP = "EndAttemptsUsedUp";
    public static final String END_REENGAGED = "EndLeadReengaged";
    public static final String END_MEETING_BOOKED = "EndMeetingBooked";
    public static final String END_LEAD_CLOSED = "EndLeadClosed";
    public static final String HANDLE_REACTIVATION_1_FAILURE = "HandleSendReactivation1Failure";
    public static final String END_OPTED_OUT = "EndOptedOut";
    /** Ops marked the lead's number invalid after a send failed: the whole flow ends. */
    public static final String END_NUMBER_INVALID = "EndNumberInvalid";

    /** Dispatcher output: how many rewarming flows it started. */
    public static final String LEADS_DISPATCHED = "leadsDispatched";

    private RewarmingFlow() {
    }
}
