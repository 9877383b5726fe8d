package dev.leadflow.messaging;

import java.time.Instant;

/**
 * Who makes a flow's sends while Leadflow and the legacy automations it replaces both run. The
 * messaging service asks it before every send; the legacy capability implements it.
 */
public interface SendHandover {

    /** Leadflow alone, and nothing was ever imported: every flow is Leadflow's. */
    SendHandover LEADFLOW_ONLY = new SendHandover() {
        @Override
        public Mode modeOf(String flow) {
            return Mode.LEADFLOW;
        }

        @Override
        public boolean sentByLegacy(SendCommand command, Instant now) {
            return false;
        }

        @Override
        public void recordShadow(SendCommand command, Instant at) {
        }
    };

    enum Mode {
        /** The legacy system still sends this flow's messages; Leadflow's send steps leave them to it. */
        LEGACY,
        /** Leadflow decides as if it sent, records what it would have sent, and sends nothing. */
        SHADOW,
        /** Leadflow sends. */
        LEADFLOW
    }

    Mode modeOf(String flow);

    /** Whether the legacy system sent this step to this lead already (or may have: its record is unclear). */
    boolean sentByLegacy(SendCommand command, Instant now);

    /** A flow in shadow mode would have sent this now. */
    void recordShadow(SendCommand command, Instant at);
}
