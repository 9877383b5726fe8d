package dev.leadflow.flow;

/** BPMN error codes thrown by the send task, caught by boundary events in the flows. */
public final class SendErrors {

    /** The message cannot be sent as configured; the flow hands it to ops. */
    public static final String SEND_FAILED_PERMANENTLY = "SEND_FAILED_PERMANENTLY";
    /**
     * Ops marked the number invalid on a send inside a sub-process: its error end event carries this code to
     * the sub-process's boundary event, so the whole flow ends, not only the sub-process.
     */
    public static final String NUMBER_INVALID = "NUMBER_INVALID";

    private SendErrors() {
    }
}
