package dev.leadflow.flow;

import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The flow port on Camunda 7: every instance carries the lead id as business key. */
@Component
class CamundaFlowPort implements FlowPort {

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
        return onConflictRetry(() -> runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(leadId)
                .processInstanceVariableEquals(FlowVariables.MEETING_ID, meetingId)
                .correlateAllWithResult()
                .size());
    }

    @Override
    public int leadOptedOut(String leadId) {
        return correlateAll(FlowMessages.LEAD_OPTED_OUT, leadId, Map.of());
    }

    private int correlateAll(String message, String leadId, Map<String, Object> variables) {
        return onConflictRetry(() -> runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(leadId)
                .setVariables(variables)
                .correlateAllWithResult()
                .size());
    }

    /**
     * Concurrent correlations on one instance collide; the engine's answer is to try again. Inside the
     * caller's transaction that is impossible (the failed command marked it for rollback), so the
     * collision goes up as a {@link FlowConflictException} for the caller to retry its whole unit of work.
     */
    private static int onConflictRetry(Supplier<Integer> correlation) {
        Supplier<Integer> translated = () -> {
            try {
                return correlation.get();
            } catch (OptimisticLockingException e) {
                throw new FlowConflictException("A flow of the lead changed concurrently: " + e.getMessage(), e);
            }
        };
        return TransactionSynchronizationManager.isActualTransactionActive()
                ? translated.get() : FlowConflicts.retry(translated);
    }
}
