package dev.leadflow.flow;

/** Process variable names shared by flows, code and tests. */
public final class FlowVariables {

    public static final String LEAD_ID = "leadId";
    /** The lead's owner at the CRM when the flow started: the assignee of the flow's user tasks. */
    public static final String OWNER = "owner";
    /** Text or quick-reply payload of the lead's last reply. */
    public static final String LAST_REPLY = "lastReply";
    /**
     * On a flow started mid-way at a {@link ResumePoint}: the last step sent before Leadflow, by whom and when.
     * The name is kept from the first migration: histories and reports already hold it.
     */
    public static final String RESUMED_AFTER = "resumedFromLegacy";

    /** The CRM's meeting id: the correlation key of every meeting flow. */
    public static final String MEETING_ID = "meetingId";
    /** When the meeting starts: an ISO-8601 instant in UTC, e.g. {@code 2026-03-07T15:00:00Z}. */
    public static final String MEETING_STARTS_AT = "meetingStartsAt";
    /** The meeting's IANA time zone as the CRM gave it (the lead's own time zone wins for display). */
    public static final String MEETING_TIMEZONE = "meetingTimezone";
    public static final String MEETING_JOIN_URL = "meetingJoinUrl";

    /** The rewarming round (its dispatch date): the idempotency scope of the round's sends. */
    public static final String REWARMING_ROUND = "rewarmingRound";
    /** When the lead's rewarming starts: its slot in the dispatch window (a date). */
    public static final String REWARMING_START_AT = "rewarmingStartAt";

    /** Send task inputs (see the "Send WhatsApp message" element template). */
    public static final String TEMPLATE_KEY = "templateKey";
    public static final String STEP = "step";
    public static final String SEND_SCOPE = "sendScope";
    /**
     * The calling flow's process definition id, given to the reusable send step (process sendStep) so that a
     * send's idempotency key names the flow that asked for it, not the building block.
     */
    public static final String SEND_FLOW_DEFINITION = "sendFlowDefinition";
    /** Send task output: what the messaging service decided, with the reason. */
    public static final String SEND_OUTCOME = "sendOutcome";

    /** Why a send failed permanently: the error message of the {@code SEND_FAILED_PERMANENTLY} boundary event. */
    public static final String SEND_FAILURE = "sendFailure";
    /** The operator's answer on the send-failure task: {@code retry}, {@code skip} or {@code numberInvalid}. */
    public static final String SEND_FAILURE_DECISION = "sendFailureDecision";
    /** What the operator noted on the send-failure task. */
    public static final String OPS_NOTE = "opsNote";
    /** The idempotency key of the send that failed: set by the send step, kept on its send-failure task. */
    public static final String FAILED_SEND_KEY = "failedSendKey";

    /** Task variables that name the lead and the failed message on task forms (see LeadTaskDetails). */
    public static final String LEAD_NAME = "leadName";
    public static final String LEAD_PHONE = "leadPhone";
    public static final String MEETING_LOCAL_TIME = "meetingLocalTime";
    public static final String MESSAGE_ATTEMPT_ID = "messageAttemptId";
    public static final String MESSAGE_TEMPLATE = "messageTemplate";
    public static final String SEND_FAILURE_IN_WORDS = "sendFailureInWords";
    /** Whether an operator sent the failed message again from the Messages tab or the API, and with what result. */
    public static final String RESENT = "resent";

    private FlowVariables() {
    }
}
