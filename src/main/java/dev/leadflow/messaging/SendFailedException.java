package dev.leadflow.messaging;

/** A channel's failure to send, classified for the messaging rules. */
public class SendFailedException extends RuntimeException {

    private final FailureKind kind;
    private final Integer errorCode;

    public SendFailedException(FailureKind kind, Integer errorCode, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.errorCode = errorCode;
    }

    public FailureKind kind() {
        return kind;
    }

    public Integer errorCode() {
        return errorCode;
    }
}
