package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Concurrent correlations on one instance: retried alone, handed to the caller inside its transaction. */
class CamundaFlowPortTest {

    private final RuntimeService runtime = mock(RuntimeService.class);
    private final MessageCorrelationBuilder correlation = mock(MessageCorrelationBuilder.class, RETURNS_SELF);
    private final CamundaFlowPort flows = new CamundaFlowPort(runtime);

    @AfterEach
    void noTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void aCollisionOutsideATransactionIsRetriedUntilItGoesThrough() {
        when(runtime.createMessageCorrelation(anyString())).thenReturn(correlation);
        when(correlation.correlateAllWithResult())
                .thenThrow(new OptimisticLockingException("collision"))
                .thenThrow(new OptimisticLockingException("collision"))
                .thenReturn(List.of(mock(MessageCorrelationResult.class)));

        assertThat(flows.leadReplied("lead-1", "yes")).isEqualTo(1);
        verify(correlation, times(3)).correlateAllWithResult();
    }

    @Test
    void collisionsThatDoNotStopAreGivenUpOn() {
        when(runtime.createMessageCorrelation(anyString())).thenReturn(correlation);
        when(correlation.correlateAllWithResult()).thenThrow(new OptimisticLockingException("collision"));

        assertThatThrownBy(() -> flows.meetingReply("lead-1", "mtg-1", FlowPort.MeetingReply.CONFIRM))
                .isInstanceOf(FlowConflictException.class);
        verify(correlation, times(FlowConflicts.ATTEMPTS)).correlateAllWithResult();
    }

    @Test
    void insideATransactionTheCallerRetriesItsWholeUnitOfWork() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        when(runtime.createMessageCorrelation(anyString())).thenReturn(correlation);
        when(correlation.correlateAllWithResult()).thenThrow(new OptimisticLockingException("collision"));

        assertThatThrownBy(() -> flows.leadOptedOut("lead-1")).isInstanceOf(FlowConflictException.class)
                .hasCauseInstanceOf(OptimisticLockingException.class);
        verify(correlation, times(1)).correlateAllWithResult();
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
}
