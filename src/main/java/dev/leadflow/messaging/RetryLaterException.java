package dev.leadflow.messaging;

/**
 * The send did not happen now but may later: the job executor retries it on the task's retry cycle,
 * then raises an incident.
 */
public class RetryLaterException extends RuntimeException {

    public RetryLaterException(String message) {
        super(message);
    }

    public RetryLaterException(String message, Throwable cause) {
        super(message, cause);
    }
}
