package dev.leadflow.flow;

/** Process variable names shared by flows, code and tests. */
public final class FlowVariables {

    public static final String LEAD_ID = "leadId";
    /** The CRM's meeting id: the correlation key of every meeting flow. */
    public static final String MEETING_ID = "meetingId";
    /** Text or quick-reply payload of the lead's last reply. */
    public static final String LAST_REPLY = "lastReply";

    /** Send task inputs (see the "Send WhatsApp message" element template). */
    public static final String TEMPLATE_KEY = "templateKey";
    public static final String STEP = "step";
    public static final String SEND_SCOPE = "sendScope";
    /** Send task output: what the messaging service decided, with the reason. */
    public static final String SEND_OUTCOME = "sendOutcome";

    /** Why a send failed permanently: the error message of the {@code SEND_FAILED_PERMANENTLY} boundary event. */
    public static final String SEND_FAILURE = "sendFailure";
    /** The operator's answer on the send-failure task: {@code retry}, {@code skip} or {@code numberInvalid}. */
    public static final String SEND_FAILURE_DECISION = "sendFailureDecision";
    /** What the operator noted on the send-failure task. */
    public static final String OPS_NOTE = "opsNote";

    private FlowVariables() {
    }
}
