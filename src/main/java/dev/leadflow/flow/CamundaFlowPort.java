package dev.leadflow.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The flow port on Camunda 7: every instance carries the lead id as business key. */
@Component
class CamundaFlowPort implements FlowPort {

    private static final Logger log = LoggerFactory.getLogger(CamundaFlowPort.class);
    /** How the messaging rules begin the reason of a deferral for quiet hours. */
    private static final String QUIET_HOURS = "quiet hours";

    private final RuntimeService runtime;
    private final HistoryService history;
    private final FlowCorrelation correlation;
    private final ManagementService management;
    private final String runningStatement;
    private final TransactionTemplate transaction;
    /** Looked up when used: a source of resume points may itself use this port. */
    private final ObjectProvider<ResumePoint.Source> resumePoints;
    private final FlowErasure erasure;
    private final Clock clock;

    CamundaFlowPort(RuntimeService runtime, HistoryService history, FlowCorrelation correlation,
                    ManagementService management, PlatformTransactionManager transactionManager,
                    ObjectProvider<ResumePoint.Source> resumePoints, FlowErasure erasure, Clock clock) {
        this.runtime = runtime;
        this.history = history;
        this.correlation = correlation;
        this.management = management;
        // table names with the engine's prefix, asked once: each ask is an engine command
        this.runningStatement = "select count(*) from " + management.getTableName(ExecutionEntity.class)
                + " E join " + management.getTableName(ProcessDefinitionEntity.class) + " D on E.PROC_DEF_ID_ = D.ID_"
                + " where E.BUSINESS_KEY_ = #{leadId} and E.ID_ = E.PROC_INST_ID_ and D.KEY_ = #{processKey}";
        this.transaction = new TransactionTemplate(transactionManager);
        this.resumePoints = resumePoints;
        this.erasure = erasure;
        this.clock = clock;
    }

    /**
     * A lead another system already greeted resumes where it left it instead of being greeted again (its
     * {@link ResumePoint}); one that must not go on (closed, unmapped status) is not started.
     */
    @Override
    public void startWelcome(String leadId) {
        if (isRunning(WelcomeFlow.PROCESS_KEY, leadId)) {
            return;
        }
        Optional<ResumePoint> resumePoint = Optional.ofNullable(resumePoints.getIfAvailable())
                .flatMap(source -> source.of(leadId))
                .filter(point -> resumptionPoint(point.flow(), point.lastStep()).isPresent());
        if (resumePoint.isPresent() && resumePoint.get().notResumedBecause() != null) {
            log.info("Lead {} came from {} and is not started: {}", leadId, resumePoint.get().sentBy(),
                    resumePoint.get().notResumedBecause());
            return;
        }
        if (resumePoint.isPresent()) {
            resumeAfter(leadId, resumePoint.get(), false);
            return;
        }
        start(FlowMessages.LEAD_CREATED, leadId, Map.of(FlowVariables.LEAD_ID, leadId));
    }

    @Override
    public Optional<String> resumptionPoint(String flow, String lastStep) {
        boolean nurturing = WelcomeFlow.PROCESS_KEY.equals(flow) || FollowUpFlow.PROCESS_KEY.equals(flow);
        return nurturing ? Optional.ofNullable(FollowUpFlow.WAIT_AFTER_STEP.get(lastStep)) : Optional.empty();
    }

    /**
     * The welcome flow started at its follow-up call, the follow-up moved to the wait after the last step sent
     * before Leadflow, and that timer set to that send plus the BPMN's own interval: all or nothing.
     */
    @Override
    public Resumption resumeAfter(String leadId, ResumePoint progress, boolean dryRun) {
        Optional<String> waitAt = resumptionPoint(progress.flow(), progress.lastStep());
        if (waitAt.isEmpty()) {
            return new Resumption(false, null, null, "flow " + progress.flow() + " cannot resume after step "
                    + progress.lastStep() + " sent by " + progress.sentBy());
        }
        if (isRunning(WelcomeFlow.PROCESS_KEY, leadId) || isRunning(FollowUpFlow.PROCESS_KEY, leadId)) {
            return new Resumption(false, null, null, "already running in Leadflow: left as it is");
        }
        String wait = waitAt.get();
        if (dryRun) {
            return new Resumption(false, wait, null, "would resume at " + wait);
        }
        return transaction.execute(status -> {
            Instant startedAt = clock.instant();
            ProcessInstance welcome = runtime.createProcessInstanceByKey(WelcomeFlow.PROCESS_KEY)
                    .businessKey(leadId)
                    .setVariable(FlowVariables.LEAD_ID, leadId)
                    .setVariable(FlowVariables.RESUMED_AFTER,
                            progress.lastStep() + " sent by " + progress.sentBy() + " at " + progress.sentAt())
                    .startBeforeActivity(WelcomeFlow.WAIT_FOR_REPLY)
                    .execute();
            ProcessInstance followUp = runtime.createProcessInstanceQuery().superProcessInstanceId(welcome.getId())
                    .singleResult();
            if (!FollowUpFlow.WAIT_ONE_DAY.equals(wait)) {
                runtime.createProcessInstanceModification(followUp.getId())
                        .startBeforeActivity(wait)
                        .cancelAllForActivity(FollowUpFlow.WAIT_ONE_DAY)
                        .execute();
            }
            Job timer = management.createJobQuery().processInstanceId(followUp.getId()).timers().activityId(wait)
                    .singleResult();
            Duration interval = Duration.between(startedAt, timer.getDuedate().toInstant());
            Instant due = progress.sentAt().plus(interval);
            management.setJobDuedate(timer.getId(), Date.from(due));
            return new Resumption(true, wait, due, "resumed at " + wait + " after " + progress.lastStep()
                    + ", due " + due);
        });
    }

    @Override
    public int leadReplied(String leadId, String reply) {
        return correlation.toEveryWaitingFlow(FlowMessages.LEAD_REPLIED, leadId, null,
                Map.of(FlowVariables.LAST_REPLY, reply));
    }

    @Override
    public int leadAwake(String leadId) {
        Date now = Date.from(clock.instant());
        int woken = 0;
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId)
                .list()) {
            for (Job job : management.createJobQuery().processInstanceId(instance.getId()).messages()
                    .duedateHigherThan(now).list()) {
                boolean quietHoursOnly = history.createHistoricJobLogQuery().jobId(job.getId()).failureLog()
                        .orderByTimestamp().desc().listPage(0, 1).stream().findFirst()
                        .flatMap(entry -> RescheduleJobException.parse(entry.getJobExceptionMessage()))
                        .filter(deferred -> deferred.reason().startsWith(QUIET_HOURS))
                        .isPresent();
                if (quietHoursOnly) {
                    management.setJobDuedate(job.getId(), now);
                    woken++;
                }
            }
        }
        if (woken > 0) {
            log.info("Lead {} wrote: {} send(s) waiting for quiet hours may go now", leadId, woken);
        }
        return woken;
    }

    @Override
    public int meetingReply(String leadId, String meetingId, MeetingReply reply) {
        String message = reply == MeetingReply.CONFIRM
                ? FlowMessages.LEAD_CONFIRMED_MEETING : FlowMessages.LEAD_ASKED_TO_RESCHEDULE;
        return correlation.toEveryWaitingFlow(message, leadId, meetingId, Map.of());
    }

    @Override
    public int leadOptedOut(String leadId) {
        return correlation.toEveryWaitingFlow(FlowMessages.LEAD_OPTED_OUT, leadId, null, Map.of());
    }

    @Override
    public String meetingBooked(String leadId, String owner, Meeting meeting) {
        Optional<ProcessInstance> booking = runningFor(MeetingBookingFlow.PROCESS_KEY, leadId, meeting.id());
        if (booking.isPresent()) {
            if (sameTime(booking.get(), meeting)) {
                return "meeting " + meeting.id() + " is already booked for this time: nothing to do";
            }
            return "meeting " + meeting.id() + " booked again for another time, taken as a reschedule: "
                    + moved(leadId, owner, meeting);
        }
        start(FlowMessages.MEETING_BOOKED, leadId, meetingVariables(leadId, owner, meeting));
        int ended = correlation.toEveryWaitingFlow(FlowMessages.LEAD_BOOKED_MEETING, leadId, null, Map.of());
        return "booking confirmation started for meeting " + meeting.id() + "; flows ended by the booking: " + ended;
    }

    @Override
    public String meetingRescheduled(String leadId, String owner, Meeting meeting) {
        Optional<ProcessInstance> booking = runningFor(MeetingBookingFlow.PROCESS_KEY, leadId, meeting.id());
        if (booking.isEmpty()) {
            start(FlowMessages.MEETING_BOOKED, leadId, meetingVariables(leadId, owner, meeting));
            return "meeting " + meeting.id() + " had no running flow: booking confirmation started for the new time";
        }
        if (sameTime(booking.get(), meeting)) {
            return "meeting " + meeting.id() + " is already at this time: nothing to do";
        }
        return moved(leadId, owner, meeting);
    }

    @Override
    public String meetingCancelled(String leadId, String meetingId) {
        int ended = correlation.toEveryWaitingFlow(FlowMessages.MEETING_CANCELLED, leadId, meetingId, Map.of());
        return "flows of meeting " + meetingId + " ended by the cancellation: " + ended;
    }

    @Override
    public String meetingNoShow(String leadId, String owner, Meeting meeting) {
        if (isRunning(NoShowRecoveryFlow.PROCESS_KEY, leadId)) {
            return "a no-show recovery is already running for the lead: nothing to do";
        }
        if (wasCancelled(leadId, meeting.id())) {
            return "meeting " + meeting.id() + " was cancelled: no no-show recovery";
        }
        start(FlowMessages.MEETING_NO_SHOW, leadId, meetingVariables(leadId, owner, meeting));
        return "no-show recovery started for meeting " + meeting.id();
    }

    @Override
    public String meetingCompleted(String leadId, String owner, Meeting meeting) {
        if (isRunning(PostMeetingFlow.PROCESS_KEY, leadId)) {
            return "a post-meeting follow-up is already running for the lead: nothing to do";
        }
        start(FlowMessages.MEETING_COMPLETED, leadId, meetingVariables(leadId, owner, meeting));
        return "post-meeting follow-up started for meeting " + meeting.id();
    }

    @Override
    public String dealClosed(String leadId, boolean won) {
        int followUps = correlation.toEveryWaitingFlow(won ? FlowMessages.DEAL_WON : FlowMessages.DEAL_LOST, leadId,
                null, Map.of());
        return "deal " + (won ? "won" : "lost") + ": post-meeting follow-ups ended: " + followUps + "; "
                + leadClosed(leadId);
    }

    @Override
    public String leadClosed(String leadId) {
        return "sales flows ended: " + correlation.toEveryWaitingFlow(FlowMessages.LEAD_CLOSED, leadId, null, Map.of());
    }

    /** The new time and whatever else the CRM sent; what it left out (a join URL...) stays as it was. */
    private String moved(String leadId, String owner, Meeting meeting) {
        Map<String, Object> changed = new HashMap<>(meetingVariables(leadId, owner, meeting));
        changed.values().removeIf(Objects::isNull);
        int flows = correlation.toEveryWaitingFlow(FlowMessages.MEETING_RESCHEDULED, leadId, meeting.id(), changed);
        return "meeting " + meeting.id() + " moved to " + meeting.startsAt() + " in " + flows + " flow(s)";
    }

    private boolean sameTime(ProcessInstance booking, Meeting meeting) {
        return Objects.equals(runtime.getVariable(booking.getId(), FlowVariables.MEETING_STARTS_AT),
                startsAt(meeting));
    }

    /** Whether the meeting's latest booking confirmation ended by a cancellation. */
    private boolean wasCancelled(String leadId, String meetingId) {
        return history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(MeetingBookingFlow.PROCESS_KEY).processInstanceBusinessKey(leadId)
                .variableValueEquals(FlowVariables.MEETING_ID, meetingId)
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream()
                .filter(latest -> latest.getEndTime() != null)
                .map(HistoricProcessInstance::getId)
                .anyMatch(id -> history.createHistoricActivityInstanceQuery().processInstanceId(id)
                        .activityId(MeetingBookingFlow.END_CANCELLED).count() > 0);
    }

    private void start(String message, String leadId, Map<String, Object> variables) {
        runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(leadId)
                .setVariables(variables)
                .correlateStartMessage();
    }

    /**
     * The same question as {@code running(...).count() > 0}, asked as one fixed statement: the engine's
     * process instance query builds its SQL from dozens of optional criteria on every call, which made it
     * a sixth of a lead's creation (docs/performance.md).
     */
    private boolean isRunning(String processKey, String leadId) {
        return runtime.createNativeProcessInstanceQuery().sql(runningStatement)
                .parameter("leadId", leadId).parameter("processKey", processKey)
                .count() > 0;
    }

    private ProcessInstanceQuery running(String processKey, String leadId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(leadId);
    }

    private Optional<ProcessInstance> runningFor(String processKey, String leadId, String meetingId) {
        return running(processKey, leadId).variableValueEquals(FlowVariables.MEETING_ID, meetingId).list().stream()
                .findFirst();
    }

    private static Map<String, Object> meetingVariables(String leadId, String owner, Meeting meeting) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(FlowVariables.LEAD_ID, leadId);
        variables.put(FlowVariables.OWNER, owner);
        variables.put(FlowVariables.MEETING_ID, meeting.id());
        variables.put(FlowVariables.MEETING_STARTS_AT, startsAt(meeting));
        variables.put(FlowVariables.MEETING_TIMEZONE, meeting.timezone());
        variables.put(FlowVariables.MEETING_JOIN_URL, meeting.joinUrl());
        return variables;
    }

    private static String startsAt(Meeting meeting) {
        return meeting.startsAt() == null ? null : meeting.startsAt().toString();
    }

    @Override
    public ErasedFlows eraseLead(String leadId) {
        return erasure.erase(leadId);
    }
}
