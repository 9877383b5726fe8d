package dev.leadflow.messaging;

/** An operator's request about messages that names nothing known, or that does not apply now; nothing changed. */
public class OpsRequestException extends RuntimeException {

    private final boolean unknown;

    private OpsRequestException(boolean unknown, String message) {
        super(message);
        this.unknown = unknown;
    }

    static OpsRequestException unknown(String message) {
        return new OpsRequestException(true, message);
    }

    static OpsRequestException notApplicable(String message) {
        return new OpsRequestException(false, message);
    }

    /** True when the request names nothing known (404); false when it does not apply now (409). */
    public boolean unknown() {
        return unknown;
    }
}
