package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ExecutionQuery;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Concurrent correlations on one instance: retried alone, handed to the caller inside its transaction. */
class FlowCorrelationTest {

    private final RuntimeService runtime = mock(RuntimeService.class);
    private final FlowCorrelation correlation = new FlowCorrelation(runtime);

    @BeforeEach
    void oneFlowWaits() {
        Execution waiting = mock(Execution.class);
        when(waiting.getId()).thenReturn("execution-1");
        when(waiting.getProcessInstanceId()).thenReturn("instance-1");
        ExecutionQuery executions = mock(ExecutionQuery.class, RETURNS_SELF);
        when(executions.list()).thenReturn(List.of(waiting));
        when(executions.count()).thenReturn(1L);
        when(runtime.createExecutionQuery()).thenReturn(executions);
        ProcessInstanceQuery callers = mock(ProcessInstanceQuery.class, RETURNS_SELF);
        when(callers.count()).thenReturn(0L);
        when(runtime.createProcessInstanceQuery()).thenReturn(callers);
    }

    @AfterEach
    void noTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void aCollisionOutsideATransactionIsRetriedUntilItGoesThrough() {
        doThrow(new OptimisticLockingException("collision")).doThrow(new OptimisticLockingException("collision"))
                .doNothing().when(runtime).messageEventReceived(anyString(), anyString(), anyMap());

        assertThat(correlation.toEveryWaitingFlow(FlowMessages.LEAD_REPLIED, "lead-1", null, Map.of())).isEqualTo(1);
        verify(runtime, times(3)).messageEventReceived(anyString(), anyString(), anyMap());
    }

    @Test
    void collisionsThatDoNotStopAreGivenUpOn() {
        doThrow(new OptimisticLockingException("collision")).when(runtime)
                .messageEventReceived(anyString(), anyString(), anyMap());

        assertThatThrownBy(() -> correlation.toEveryWaitingFlow(FlowMessages.LEAD_REPLIED, "lead-1", null, Map.of()))
                .isInstanceOf(FlowConflictException.class);
        verify(runtime, times(FlowConflicts.ATTEMPTS)).messageEventReceived(anyString(), anyString(), anyMap());
    }

    @Test
    void insideATransactionTheCallerRetriesItsWholeUnitOfWork() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        doThrow(new OptimisticLockingException("collision")).when(runtime)
                .messageEventReceived(anyString(), anyString(), anyMap());

        assertThatThrownBy(() -> correlation.toEveryWaitingFlow(FlowMessages.LEAD_OPTED_OUT, "lead-1", null, Map.of()))
                .isInstanceOf(FlowConflictException.class).hasCauseInstanceOf(OptimisticLockingException.class);
        verify(runtime, times(1)).messageEventReceived(anyString(), anyString(), anyMap());
    }

    @Test
    void aUnitOfWorkRetriedAfterAConflictRunsAgainWhole() {
        int[] runs = {0};

        int result = FlowConflicts.retry(() -> {
            if (++runs[0] < 3) {
                throw new FlowConflictException("collision", null);
            }
            return 42;
        });

        assertThat(result).isEqualTo(42);
        assertThat(runs[0]).isEqualTo(3);
    }

    @Test
    void aFlowThatNoLongerWaitsIsSkipped() {
        ExecutionQuery gone = mock(ExecutionQuery.class, RETURNS_SELF);
        Execution waiting = mock(Execution.class);
        when(waiting.getId()).thenReturn("execution-1");
        when(waiting.getProcessInstanceId()).thenReturn("instance-1");
        when(gone.list()).thenReturn(List.of(waiting));
        when(gone.count()).thenReturn(0L);
        when(runtime.createExecutionQuery()).thenReturn(gone);
        doNothing().when(runtime).messageEventReceived(anyString(), anyString(), any());

        assertThat(correlation.toEveryWaitingFlow(FlowMessages.LEAD_REPLIED, "lead-1", null, Map.of())).isZero();
        verify(runtime, times(0)).messageEventReceived(anyString(), anyString(), anyMap());
    }
}
