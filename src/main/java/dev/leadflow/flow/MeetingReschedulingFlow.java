package dev.leadflow.flow;

/** Names in {@code processes/meeting-rescheduling.bpmn}. */
public final class MeetingReschedulingFlow {

    public static final String PROCESS_KEY = "meetingRescheduling";

    /** A call of the reusable send step: its ops task is {@link SendStepFlow#HANDLE_SEND_FAILURE} there. */
    public static final String SEND_ACK = "SendRescheduleAck";
    public static final String END_ACK_NUMBER_INVALID = "EndSendRescheduleAckNumberInvalid";
    public static final String AGREE_NEW_TIME = "AgreeNewTime";
    public static final String END_REQUEST_CLOSED = "EndRequestClosed";
    public static final String END_OPTED_OUT = "EndOptedOut";

    private MeetingReschedulingFlow() {
    }
}
