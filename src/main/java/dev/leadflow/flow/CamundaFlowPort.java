package dev.leadflow.flow;

import java.util.Map;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The flow port on Camunda 7: every instance carries the lead id as business key. */
@Component
class CamundaFlowPort implements FlowPort {

    private static final int CORRELATION_ATTEMPTS = 5;

    private final RuntimeService runtime;

    CamundaFlowPort(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void startWelcome(String leadId) {
        boolean running = runtime.createProcessInstanceQuery()
                .processDefinitionKey(WelcomeFlow.PROCESS_KEY).processInstanceBusinessKey(leadId).count() > 0;
        if (running) {
            return;
        }
        runtime.createMessageCorrelation(FlowMessages.LEAD_CREATED)
                .processInstanceBusinessKey(leadId)
                .setVariables(Map.of(FlowVariables.LEAD_ID, leadId))
                .correlateStartMessage();
    }

    @Override
    public int leadReplied(String leadId, String reply) {
        return correlateAll(FlowMessages.LEAD_REPLIED, leadId, Map.of(FlowVariables.LAST_REPLY, reply));
    }

    @Override
    public int meetingReply(String leadId, String meetingId, MeetingReply reply) {
        String message = reply == MeetingReply.CONFIRM
                ? FlowMessages.LEAD_CONFIRMED_MEETING : FlowMessages.LEAD_ASKED_TO_RESCHEDULE;
        for (int attempt = 1; ; attempt++) {
            try {
                return runtime.createMessageCorrelation(message)
                        .processInstanceBusinessKey(leadId)
                        .processInstanceVariableEquals(FlowVariables.MEETING_ID, meetingId)
                        .correlateAllWithResult()
                        .size();
            } catch (OptimisticLockingException e) {
                if (attempt == CORRELATION_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public int leadOptedOut(String leadId) {
        return correlateAll(FlowMessages.LEAD_OPTED_OUT, leadId, Map.of());
    }

    /** Concurrent correlations on one instance collide; the engine's answer is to try again. */
    private int correlateAll(String message, String leadId, Map<String, Object> variables) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runtime.createMessageCorrelation(message)
                        .processInstanceBusinessKey(leadId)
                        .setVariables(variables)
                        .correlateAllWithResult()
                        .size();
            } catch (OptimisticLockingException e) {
                if (attempt == CORRELATION_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
