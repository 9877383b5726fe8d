package dev.leadflow.flow;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a lead stands in a sequence the legacy automations ran: the last step they sent, and when.
 *
 * @param flow              Leadflow's flow (process key) of that step
 * @param lastStep          Leadflow's step name (the send task's {@code step})
 * @param notResumedBecause why the lead must not start at all (closed, a status nobody mapped, no time): the
 *                          safe side is no flow and no send; null when it resumes
 */
public record LegacyProgress(String flow, String lastStep, Instant sentAt, String notResumedBecause) {

    public LegacyProgress(String flow, String lastStep, Instant sentAt) {
        this(flow, lastStep, sentAt, null);
    }

    /** The legacy automations' progress of each lead; a new lead with progress starts mid-flow. */
    public interface Source {

        Optional<LegacyProgress> of(String leadId);
    }
}
