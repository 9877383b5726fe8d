package dev.leadflow.flow;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * Runs a unit of work again when it lost a race on a flow instance, after a short randomised pause so
 * that the racers do not collide again in lock step. A race is: an optimistic-locking conflict, a database
 * deadlock or serialization failure (the database chose this transaction as the loser), or the engine
 * failing on a message subscription that another node's job removed, with its execution, between the
 * look-up and the correlation (a NullPointerException or the engine's "does not have a subscription").
 * None of these is the caller's fault, so none may reach the caller while a retry can win.
 */
public final class FlowConflicts {

    static final int ATTEMPTS = 5;
    // PostgreSQL (and the SQL standard): serialization_failure, deadlock_detected
    private static final Set<String> LOST_RACE_STATES = Set.of("40001", "40P01");
    private static final String MESSAGE_EVENT_RECEIVED = "org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd";
    private static final String VANISHED_SUBSCRIPTION = "does not have a subscription to a message event";
    private static final Duration FIRST_PAUSE = Duration.ofMillis(20);

    private FlowConflicts() {
    }

    /**
     * The unit of work must be a whole transaction (or need none): a transaction in which the engine
     * failed is already marked for rollback, so retrying a part of it inside cannot succeed.
     */
    public static <T> T retry(Supplier<T> unitOfWork) {
        for (int attempt = 1; ; attempt++) {
            try {
                return unitOfWork.get();
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isLostRace(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    static boolean isLostRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FlowConflictException || cause instanceof OptimisticLockingException
                    || cause instanceof ConcurrencyFailureException) {
                return true;
            }
            if (cause instanceof SQLException sql && LOST_RACE_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if ((cause instanceof NullPointerException || isVanishedSubscription(cause))
                    && thrownCorrelatingAMessage(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The engine's own check, when the subscription went between the look-up and the command's start. */
    private static boolean isVanishedSubscription(Throwable failure) {
        return failure instanceof ProcessEngineException && failure.getMessage() != null
                && failure.getMessage().contains(VANISHED_SUBSCRIPTION);
    }

    /** Camunda 7's MessageEventReceivedCmd reads the subscription's execution without checking it still exists. */
    private static boolean thrownCorrelatingAMessage(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().equals(MESSAGE_EVENT_RECEIVED)) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        long base = FIRST_PAUSE.toMillis() << (attempt - 1);
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a flow correlation", e);
        }
    }
}
