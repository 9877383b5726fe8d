package dev.leadflow.messaging;

/** An operator's request about messages that names nothing known, or that does not apply now; nothing changed. */
public class OpsRequestException extends RuntimeException {

    private final boolean unknown;
    private final transient MessageAttempt existing;

    private OpsRequestException(boolean unknown, String message, MessageAttempt existing) {
        super(message);
        this.unknown = unknown;
        this.existing = existing;
    }

    private OpsRequestException(boolean unknown, String message) {
        this(unknown, message, null);
    }

    static OpsRequestException unknown(String message) {
        return new OpsRequestException(true, message);
    }

    static OpsRequestException notApplicable(String message) {
        return new OpsRequestException(false, message);
    }

    /** Does not apply because it happened already, as {@code existing} shows. */
    static OpsRequestException alreadyDone(String message, MessageAttempt existing) {
        return new OpsRequestException(false, message, existing);
    }

    /** The attempt that shows what already happened, when the request was refused for that. */
    public java.util.Optional<MessageAttempt> existing() {
        return java.util.Optional.ofNullable(existing);
    }

    /** True when the request names nothing known (404); false when it does not apply now (409). */
    public boolean unknown() {
        return unknown;
    }
}
