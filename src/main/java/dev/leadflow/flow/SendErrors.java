package dev.leadflow.flow;

/** BPMN error codes thrown by the send task, caught by boundary events in the flows. */
public final class SendErrors {

    /** The message cannot be sent as configured; the flow hands it to ops. */
    public static final String SEND_FAILED_PERMANENTLY = "SEND_FAILED_PERMANENTLY";

    private SendErrors() {
    }
}
