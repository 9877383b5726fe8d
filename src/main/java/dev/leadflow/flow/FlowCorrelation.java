package dev.leadflow.flow;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ExecutionQuery;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Delivers a message once to every flow of a lead that waits for it, one flow at a time, calling flows before
 * the flows they called: a caller that ends on the message (an opt-out) takes its called flow with it, and a
 * subscription that vanished meanwhile is skipped instead of failing the whole correlation. Once per flow,
 * because a flow that loops on the message (a reschedule) waits for it again at once.
 */
@Component
class FlowCorrelation {

    private final RuntimeService runtime;

    FlowCorrelation(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * @param meetingId when not null, only the flows of that meeting
     * @return how many waiting flows took the message
     */
    int toEveryWaitingFlow(String message, String leadId, String meetingId, Map<String, Object> variables) {
        Set<String> tried = new HashSet<>();
        int delivered = 0;
        for (Optional<Execution> next = nextWaiting(message, leadId, meetingId, tried); next.isPresent();
             next = nextWaiting(message, leadId, meetingId, tried)) {
            tried.add(next.get().getProcessInstanceId());
            if (deliver(message, next.get().getId(), variables)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** @param tried the process instances that had the message already */
    private Optional<Execution> nextWaiting(String message, String leadId, String meetingId, Set<String> tried) {
        ExecutionQuery query = runtime.createExecutionQuery().processInstanceBusinessKey(leadId)
                .messageEventSubscriptionName(message);
        if (meetingId != null) {
            query.processVariableValueEquals(FlowVariables.MEETING_ID, meetingId);
        }
        return query.list().stream()
                .filter(execution -> !tried.contains(execution.getProcessInstanceId()))
                .min(Comparator.comparing(this::isCalledFlow));
    }

    private boolean isCalledFlow(Execution execution) {
        return runtime.createProcessInstanceQuery().subProcessInstanceId(execution.getProcessInstanceId()).count() > 0;
    }

    /**
     * Concurrent correlations on one instance collide; the engine's answer is to try again, after a short
     * pause. Inside the caller's transaction that is impossible (the failed command marked it for rollback),
     * so the collision goes up as a {@link FlowConflictException} for the caller to retry its whole unit of work.
     */
    private boolean deliver(String message, String executionId, Map<String, Object> variables) {
        Supplier<Boolean> once = () -> {
            if (runtime.createExecutionQuery().executionId(executionId).messageEventSubscriptionName(message)
                    .count() == 0) {
                return false;
            }
            try {
                runtime.messageEventReceived(message, executionId, variables);
                return true;
            } catch (OptimisticLockingException e) {
                throw new FlowConflictException("A flow of the lead changed concurrently: " + e.getMessage(), e);
            }
        };
        return TransactionSynchronizationManager.isActualTransactionActive() ? once.get() : FlowConflicts.retry(once);
    }
}
