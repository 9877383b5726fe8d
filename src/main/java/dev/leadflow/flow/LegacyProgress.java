package dev.leadflow.flow;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a lead stands in a sequence the legacy automations ran: the last step they sent, and when.
 *
 * @param flow     Leadflow's flow (process key) of that step
 * @param lastStep Leadflow's step name (the send task's {@code step})
 */
public record LegacyProgress(String flow, String lastStep, Instant sentAt) {

    /** The legacy automations' progress of each lead; a new lead with progress starts mid-flow. */
    public interface Source {

        Optional<LegacyProgress> of(String leadId);
    }
}
