package dev.leadflow.flow;

/**
 * Two changes to the same flow instance collided (the engine's optimistic lock). Nothing of the losing
 * change was kept: run the whole unit of work again, for example with {@link FlowConflicts#retry}.
 */
public class FlowConflictException extends RuntimeException {

    public FlowConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
