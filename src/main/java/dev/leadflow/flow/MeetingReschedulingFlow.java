package dev.leadflow.flow;

/** Names in {@code processes/meeting-rescheduling.bpmn}. */
public final class MeetingReschedulingFlow {

    public static final String PROCESS_KEY = "meetingRescheduling";

    public static final String SEND_ACK = "SendRescheduleAck";
    public static final String HANDLE_ACK_FAILURE = "HandleSendRescheduleAckFailure";
    public static final String AGREE_NEW_TIME = "AgreeNewTime";
    public static final String END_REQUEST_CLOSED = "EndRequestClosed";
    public static final String END_OPTED_OUT = "EndOptedOut";

    private MeetingReschedulingFlow() {
    }
}
