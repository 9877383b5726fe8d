package dev.leadflow.messaging;

/** The message cannot be sent as configured; retrying will not help. Ops decide what happens next. */
public class PermanentSendFailureException extends RuntimeException {

    private final Integer errorCode;

    public PermanentSendFailureException(String message, Integer errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    public Integer errorCode() {
        return errorCode;
    }
}
