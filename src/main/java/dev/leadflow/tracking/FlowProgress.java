package dev.leadflow.tracking;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where one flow of a lead (or meeting) stands: running steps and what they wait for, or how it ended.
 *
 * @param until       the earliest moment something is due in this flow (a timer, a queued step); null when
 *                    nothing is scheduled
 * @param steps       where the flow stands now (empty once it ended)
 * @param listensFor  what ends or interrupts the flow whatever step it is at (event sub-processes, boundary
 *                    events of an enclosing sub-process), e.g. {@code LeadOptedOut}
 * @param end         the end event reached, for a completed flow
 * @param cancelReason why the flow was cancelled, for a cancelled flow
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlowProgress(
        String flow,
        String flowName,
        Integer version,
        String instanceId,
        String leadId,
        String meetingId,
        State state,
        Instant startedAt,
        Instant endedAt,
        Instant until,
        List<Step> steps,
        List<Awaited> listensFor,
        List<String> incidents,
        Element end,
        String cancelReason) {

    public enum State {
        /** Work is due now or being retried. */
        RUNNING,
        /** Every current step waits: for a message, a timer or a person. */
        WAITING,
        /** A step failed past its retries: ops must act (Cockpit incident). */
        INCIDENT,
        /** An operator suspended the flow. */
        SUSPENDED,
        /** Ended at an end event. */
        COMPLETED,
        /** Ended from outside (cancelled in Cockpit, erased, migrated away). */
        CANCELLED
    }

    /** A step where the flow stands. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(
            String stepId,
            String step,
            String type,
            StepStatus status,
            Instant since,
            Instant until,
            List<Awaited> waitingFor,
            Integer retriesLeft,
            String error) {
    }

    public enum StepStatus {
        /** Waits for a message, a timer, a person or a called flow. */
        WAITING,
        /** Queued for the job executor (asynchronous step), due at {@code until} or now. */
        QUEUED,
        /** Failed before and will be tried again at {@code until}. */
        RETRYING,
        /** Failed with no retries left: an incident. */
        FAILED,
        /** Being executed right now. */
        RUNNING
    }

    /** One thing a step waits for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Awaited(AwaitedType type, String name, String stepId, String step, Instant until) {

        Awaited withUntil(Instant due) {
            return new Awaited(type, name, stepId, step, due);
        }
    }

    public enum AwaitedType { MESSAGE, TIMER, SIGNAL, CONDITION, USER_TASK, CALLED_FLOW }

    /** A BPMN element by id and name. */
    public record Element(String stepId, String step) {
    }
}
