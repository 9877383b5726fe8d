package dev.leadflow.flow;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a lead stands in a sequence another system ran before Leadflow took over: the last step it sent,
 * and when. A new lead with a resume point starts mid-flow instead of being greeted again.
 *
 * @param flow              Leadflow's flow (process key) of that step
 * @param lastStep          Leadflow's step name (the send task's {@code step})
 * @param sentBy            who sent that step, as the flow's history names it
 * @param notResumedBecause why the lead must not start at all (closed, a status nobody mapped, no time): the
 *                          safe side is no flow and no send; null when it resumes
 */
public record ResumePoint(String flow, String lastStep, Instant sentAt, String sentBy, String notResumedBecause) {

    /** The resume point of each lead that has one; implemented by a migration capability. */
    public interface Source {

        Optional<ResumePoint> of(String leadId);
    }
}
