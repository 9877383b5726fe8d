package dev.leadflow.flow;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a unit of work again when it lost a race on a flow instance, after a short randomised pause so
 * that the racers do not collide again in lock step.
 */
public final class FlowConflicts {

    static final int ATTEMPTS = 5;
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
            } catch (FlowConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
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
