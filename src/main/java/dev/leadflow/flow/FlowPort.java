package dev.leadflow.flow;

import java.time.Instant;
import java.util.Optional;

/**
 * What the outside (CRM API, webhooks) may ask of the flows. Controllers never touch the engine directly.
 * Methods that start or end flows answer with a sentence for the caller's record of what happened.
 * Correlations that collide with a concurrent change of the same instance are retried here; called inside
 * a transaction they throw {@link FlowConflictException} instead, and the caller retries its transaction.
 */
public interface FlowPort {

    /** Starts the welcome flow of a new consented lead; a second call for the same lead does nothing. */
    void startWelcome(String leadId);

    /**
     * Tells every flow of the lead that waits for a reply that one came.
     *
     * @return how many flows took it (zero is fine: nobody waited)
     */
    int leadReplied(String leadId, String reply);

    /**
     * The lead wrote, so it is awake: each of its send steps that waits only for quiet hours (its last deferral
     * says so) becomes due now, and the messaging rules decide again, letting it go inside the 24-hour window.
     * Steps held by anything else (frequency caps, pauses, rate limits) keep their time.
     *
     * @return how many steps were brought forward
     */
    int leadAwake(String leadId);

    /**
     * The lead answered a meeting message with a quick reply ({@code CONFIRM:<meetingId>} or
     * {@code RESCHEDULE:<meetingId>}): tells the flows of that meeting.
     *
     * @return how many flows took it
     */
    int meetingReply(String leadId, String meetingId, MeetingReply reply);

    enum MeetingReply {
        CONFIRM, RESCHEDULE;

        /** The quick-reply payload of this button on a message about the meeting. */
        public String payload(String meetingId) {
            return name() + ":" + meetingId;
        }
    }

    /** Ends every flow of the lead: it withdrew consent. */
    int leadOptedOut(String leadId);

    /** A CRM meeting as the meeting flows see it; only {@code id} is always present. */
    record Meeting(String id, Instant startsAt, String timezone, String joinUrl) {
    }

    /**
     * Starts the booking confirmation of the meeting and ends the lead's nurturing flows. A repeat for a meeting
     * whose flow runs at the same time does nothing; at another time it is a reschedule.
     */
    String meetingBooked(String leadId, String owner, Meeting meeting);

    /** Moves the meeting's flow to the new time; a meeting without a running flow gets one for the new time. */
    String meetingRescheduled(String leadId, String owner, Meeting meeting);

    /** Ends the meeting's flows (booking confirmation and reminders, no-show recovery). */
    String meetingCancelled(String leadId, String meetingId);

    /** Starts the no-show recovery, unless the meeting was cancelled or the lead already has one running. */
    String meetingNoShow(String leadId, String owner, Meeting meeting);

    /** Starts the post-meeting sales follow-up, unless the lead already has one running. */
    String meetingCompleted(String leadId, String owner, Meeting meeting);

    /** Ends the post-meeting follow-up as won or lost, and every other sales flow of the lead. */
    String dealClosed(String leadId, boolean won);

    /** Ends every sales flow of the lead: its CRM status says it is closed. */
    String leadClosed(String leadId);

    /**
     * Where a lead would resume after another system sent {@code lastStep} of {@code flow}: the waiting step, or
     * empty when that flow cannot be resumed from a last step alone (meeting flows need the CRM's meeting).
     */
    Optional<String> resumptionPoint(String flow, String lastStep);

    /**
     * Starts the lead's flow right after the step another system sent last, the next timer due when it would
     * have been due had Leadflow sent that step (so a due date in the past fires at once). A lead that already
     * runs the flow in Leadflow is left as it is. A dry run only answers what would happen.
     */
    Resumption resumeAfter(String leadId, ResumePoint progress, boolean dryRun);

    /**
     * @param started whether a flow was started
     * @param waitingAt the step the lead now waits at
     * @param dueAt when that wait ends
     */
    record Resumption(boolean started, String waitingAt, Instant dueAt, String detail) {
    }

    /**
     * Erasure on request: cancels the lead's running flows and deletes their history and the flows they
     * called, in the caller's transaction.
     */
    ErasedFlows eraseLead(String leadId);

    /**
     * @param running   how many flows of the lead were running
     * @param histories how many flow histories were deleted
     */
    record ErasedFlows(int running, int histories) {
    }
}
