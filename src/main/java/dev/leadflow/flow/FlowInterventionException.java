package dev.leadflow.flow;

/** An intervention that names no running flow of the lead, or that does not apply to the flow now. */
public class FlowInterventionException extends RuntimeException {

    private final boolean unknown;

    FlowInterventionException(boolean unknown, String message) {
        super(message);
        this.unknown = unknown;
    }

    /** True when no such running flow exists (404); false when the intervention does not apply now (409). */
    public boolean unknown() {
        return unknown;
    }
}
