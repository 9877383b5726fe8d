package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

/** Which failures are lost races, retried as a whole unit of work, and which reach the caller at once. */
class FlowConflictsTest {

    @Test
    void aDeadlockInsideTheEngineIsRetriedUntilTheWorkWins() {
        AtomicInteger calls = new AtomicInteger();

        int result = FlowConflicts.retry(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new ProcessEngineException("flush failed",
                        new SQLException("deadlock detected", "40P01"));
            }
            return 7;
        });

        assertThat(result).isEqualTo(7);
        assertThat(calls).hasValue(3);
    }

    @Test
    void serializationFailuresAndSpringsLockFailuresAreLostRaces() {
        assertThat(FlowConflicts.isLostRace(new RuntimeException(new SQLException("could not serialize", "40001"))))
                .isTrue();
        assertThat(FlowConflicts.isLostRace(new CannotAcquireLockException("lock"))).isTrue();
    }

    @Test
    void aNullPointerFromTheEnginesMessageCorrelationIsALostRace() {
        NullPointerException vanishedExecution = new NullPointerException();
        vanishedExecution.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd", "execute",
                    "MessageEventReceivedCmd.java", 98)});

        assertThat(FlowConflicts.isLostRace(new ProcessEngineException("correlation", vanishedExecution))).isTrue();
        assertThat(FlowConflicts.isLostRace(new NullPointerException("ours"))).isFalse();
    }

    @Test
    void aSubscriptionGoneBeforeTheEnginesCorrelationIsALostRace() {
        ProcessEngineException gone = new ProcessEngineException("Execution with id 'e1' does not have a subscription"
                + " to a message event with name 'LeadBookedMeeting': eventSubscriptions is empty");
        gone.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd", "execute",
                    "MessageEventReceivedCmd.java", 80)});

        assertThat(FlowConflicts.isLostRace(gone)).isTrue();
        assertThat(FlowConflicts.isLostRace(new ProcessEngineException("a delegate failed"))).isFalse();
    }

    @Test
    void anyOtherFailureReachesTheCallerAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> FlowConflicts.retry(() -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad input");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRaceLostEveryTimeReachesTheCallerAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> FlowConflicts.retry(() -> {
            calls.incrementAndGet();
            throw new CannotAcquireLockException("deadlock");
        })).isInstanceOf(CannotAcquireLockException.class);
        assertThat(calls).hasValue(FlowConflicts.ATTEMPTS);
    }
}
