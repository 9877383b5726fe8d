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
                execution.getProcessDefinitionId().split(":")[0],
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
            throw new BpmnError(SendErrors.SEND_FAILED_PERMANENTLY, e.getMessage());
        }
        if (outcome.decision() == SendOutcome.Decision.DEFERRED) {
            throw new RescheduleJobException(outcome.deferredUntil(), outcome.reason());
        }
        execution.setVariableLocal(FlowVariables.SEND_OUTCOME, outcome.summary());
    }

    private static Map<String, Object> templateValues(DelegateExecution execution) {
        Map<String, Object> values = new HashMap<>();
        execution.getVariables().forEach((name, value) -> {
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }
}
