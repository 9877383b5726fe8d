package dev.leadflow.flow;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.MessagingService;
import dev.leadflow.messaging.PermanentSendFailureException;
import dev.leadflow.messaging.SendCommand;
import dev.leadflow.messaging.SendOutcome;

/**
 * The one send step of every flow, configured by the task's input parameters: {@code templateKey},
 * {@code step} and optionally {@code sendScope}. Its outcome is the local variable {@code sendOutcome}
 * (sent or skipped, with the reason); a deferral reschedules the step's job (see {@link JobRescheduling});
 * a permanent failure is the BPMN error {@code SEND_FAILED_PERMANENTLY} for the flow's ops path.
 */
@Component("sendMessage")
class SendMessageDelegate implements JavaDelegate {

    /** Template parameter source -> process variable. */
    static final Map<String, String> TEMPLATE_SOURCES = Map.of(
            "meeting.id", FlowVariables.MEETING_ID,
            "meeting.startsAt", FlowVariables.MEETING_STARTS_AT,
            "meeting.timezone", FlowVariables.MEETING_TIMEZONE,
            "meeting.joinUrl", FlowVariables.MEETING_JOIN_URL);

    private final MessagingService messaging;

    SendMessageDelegate(MessagingService messaging) {
        this.messaging = messaging;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean opsApprovedResend = SendFailureDecision.RETRY.equals(
                execution.getVariable(FlowVariables.SEND_FAILURE_DECISION));
        if (opsApprovedResend) {
            // the operator's choice applies to this one send, not to the flow's later ones
            execution.removeVariable(FlowVariables.SEND_FAILURE_DECISION);
        }
        SendCommand command = new SendCommand(
                execution.getProcessBusinessKey(),
                callingFlow(execution),
                (String) execution.getVariableLocal(FlowVariables.STEP),
                (String) execution.getVariableLocal(FlowVariables.TEMPLATE_KEY),
                (String) execution.getVariable(FlowVariables.SEND_SCOPE),
                templateValues(execution),
                opsApprovedResend);

        SendOutcome outcome;
        try {
            outcome = messaging.send(command);
        } catch (PermanentSendFailureException e) {
            execution.setVariableLocal(FlowVariables.SEND_OUTCOME, "FAILED: " + e.getMessage());
            // the flow's send-failure task takes it, so that it names the message and a re-send can close it
            execution.setVariable(FlowVariables.FAILED_SEND_KEY, command.idempotencyKey());
            throw new BpmnError(SendErrors.SEND_FAILED_PERMANENTLY, e.getMessage());
        }
        if (outcome.decision() == SendOutcome.Decision.DEFERRED) {
            throw new RescheduleJobException(outcome.deferredUntil(), outcome.reason());
        }
        execution.setVariableLocal(FlowVariables.SEND_OUTCOME, outcome.summary());
    }

    /** The flow that asked for the send: the caller of the reusable send step, else the task's own flow. */
    private static String callingFlow(DelegateExecution execution) {
        Object caller = execution.getVariable(FlowVariables.SEND_FLOW_DEFINITION);
        String definition = caller == null ? execution.getProcessDefinitionId() : caller.toString();
        return definition.split(":")[0];
    }

    /**
     * The flow's variables, plus the meeting's under the names template parameters use in
     * leadflow-templates.yml ({@code meeting.startsAt} ...): the one place that maps one to the other.
     */
    static Map<String, Object> templateValues(DelegateExecution execution) {
        return templateValues(execution.getVariables());
    }

    /** The same from a flow's variables by name (an ended flow's, read from history). */
    static Map<String, Object> templateValues(Map<String, Object> variables) {
        Map<String, Object> values = new HashMap<>();
        variables.forEach((name, value) -> {
            if (value != null) {
                values.put(name, value);
            }
        });
        TEMPLATE_SOURCES.forEach((source, variable) -> {
            if (values.containsKey(variable)) {
                values.put(source, values.get(variable));
            }
        });
        Object meetingId = values.get(FlowVariables.MEETING_ID);
        if (meetingId != null) {
            values.put("meeting.confirmPayload", FlowPort.MeetingReply.CONFIRM.payload(meetingId.toString()));
            values.put("meeting.reschedulePayload", FlowPort.MeetingReply.RESCHEDULE.payload(meetingId.toString()));
        }
        return values;
    }
}
