package dev.leadflow.messaging;

import java.time.Instant;

/**
 * Sends made outside Leadflow while it takes over from another system: a flow whose messages the other
 * system still makes, a step it made already, a flow Leadflow only shadows (decides as if it sent, records
 * what it would have sent, sends nothing). The messaging service asks before every send; a migration
 * capability implements it, and without one every send is Leadflow's.
 */
public interface PriorSends {

    /** Leadflow alone: every send is Leadflow's. */
    PriorSends NONE = new PriorSends() {
        @Override
        public Verdict verdictOn(SendCommand command, Instant now) {
            return Verdict.LEADFLOW_SENDS;
        }

        @Override
        public void recordShadow(SendCommand command, Instant at) {
        }
    };

    /**
     * @param skipReason why Leadflow does not make this send (another system makes or made it); null when it does
     * @param shadowOnly Leadflow goes through the rules and records what it would have sent, but sends nothing
     */
    record Verdict(String skipReason, boolean shadowOnly) {

        public static final Verdict LEADFLOW_SENDS = new Verdict(null, false);
        public static final Verdict SHADOW_ONLY = new Verdict(null, true);

        public static Verdict skip(String reason) {
            return new Verdict(reason, false);
        }
    }

    Verdict verdictOn(SendCommand command, Instant now);

    /** A shadowed flow would have sent this now. */
    void recordShadow(SendCommand command, Instant at);
}
