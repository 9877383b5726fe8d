package dev.leadflow.flow;

/** Names in {@code processes/send-step.bpmn}, the reusable send step with its ops fallback. */
public final class SendStepFlow {

    public static final String PROCESS_KEY = "sendStep";

    public static final String SEND = "Send";
    public static final String HANDLE_SEND_FAILURE = "HandleSendFailure";
    public static final String END_SEND_HANDLED = "EndSendHandled";
    public static final String END_NUMBER_INVALID = "EndNumberInvalid";

    private SendStepFlow() {
    }
}
