package dev.leadflow.flow;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.OperatorHolds;

/**
 * The operator's answer on a "message could not be sent" task (form {@code send-failure}), bound as the
 * task's create and complete listener: {@code retry} sends the message again (the flow loops back to its send
 * step), {@code skip} goes on without it, {@code numberInvalid} records that the lead's number cannot
 * receive WhatsApp messages, so no flow sends to it again, and ends the flow. (The bean is not named
 * after the variable: a process variable would shadow it in {@code ${...}}.)
 */
@Component("sendFailureTask")
class SendFailureDecision implements TaskListener {

    static final String RETRY = "retry";
    static final String SKIP = "skip";
    static final String NUMBER_INVALID = "numberInvalid";

    private final OperatorHolds holds;

    SendFailureDecision(OperatorHolds holds) {
        this.holds = holds;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            // an earlier failure's answer must not pre-fill this one
            task.getExecution().removeVariable(FlowVariables.SEND_FAILURE_DECISION);
            return;
        }
        Object decision = task.getVariable(FlowVariables.SEND_FAILURE_DECISION);
        if (NUMBER_INVALID.equals(decision)) {
            Object note = task.getVariable(FlowVariables.OPS_NOTE);
            holds.markNumberInvalid(task.getExecution().getProcessBusinessKey(),
                    "task " + task.getTaskDefinitionKey() + (note == null ? "" : ": " + note));
        }
    }
}
