package dev.leadflow.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.springframework.stereotype.Service;

import dev.leadflow.flow.FlowVariables;
import dev.leadflow.tracking.FlowProgress.Awaited;
import dev.leadflow.tracking.FlowProgress.AwaitedType;
import dev.leadflow.tracking.FlowProgress.Element;
import dev.leadflow.tracking.FlowProgress.State;
import dev.leadflow.tracking.FlowProgress.Step;
import dev.leadflow.tracking.FlowProgress.StepStatus;

/**
 * Each flow of a lead or a meeting and where it stands, read from Camunda: history for the flows, their
 * current activities and how they ended; jobs for what is queued and when timers fire; the BPMN model for
 * what a step waits for. Nothing here is specific to one diagram.
 */
@Service
public class FlowProgressService {

    /** Activity types that only contain the steps where the flow stands. */
    private static final Set<String> SCOPE_TYPES = Set.of("subProcess", "transaction", "multiInstanceBody");
    private static final Comparator<Step> BY_SINCE =
            Comparator.comparing(Step::since, Comparator.nullsLast(Comparator.naturalOrder()));

    private final HistoryService history;
    private final ManagementService management;
    private final RepositoryService repository;
    private final Clock clock;

    FlowProgressService(HistoryService history, ManagementService management, RepositoryService repository,
                        Clock clock) {
        this.history = history;
        this.management = management;
        this.repository = repository;
        this.clock = clock;
    }

    /** Every flow that ever ran for the lead, oldest first. */
    public List<FlowProgress> ofLead(String leadId) {
        return describe(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(leadId).list());
    }

    /** Every flow that carried the meeting id (process variable {@code meetingId}), oldest first. */
    public List<FlowProgress> ofMeeting(String meetingId) {
        return describe(history.createHistoricProcessInstanceQuery()
                .variableValueEquals(FlowVariables.MEETING_ID, meetingId).list());
    }

    private List<FlowProgress> describe(List<HistoricProcessInstance> instances) {
        if (instances.isEmpty()) {
            return List.of();
        }
        Map<String, String> meetingIds = meetingIds(instances);
        return instances.stream()
                .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime)
                        .thenComparing(HistoricProcessInstance::getId))
                .map(instance -> instance.getEndTime() != null
                        ? ended(instance, meetingIds.get(instance.getId()))
                        : running(instance, meetingIds.get(instance.getId())))
                .toList();
    }

    /** Completed when it reached an end event; otherwise it was cancelled (by an operator, an API call, ...). */
    private FlowProgress ended(HistoricProcessInstance instance, String meetingId) {
        BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
        String endId = instance.getEndActivityId();
        boolean atEndEvent = endId != null && model.getModelElementById(endId) instanceof EndEvent;
        boolean cancelled = !atEndEvent
                || HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(instance.getState());
        return new FlowProgress(instance.getProcessDefinitionKey(), instance.getProcessDefinitionName(),
                instance.getProcessDefinitionVersion(), instance.getId(), instance.getBusinessKey(), meetingId,
                cancelled ? State.CANCELLED : State.COMPLETED, instant(instance.getStartTime()),
                instant(instance.getEndTime()), null, List.of(), List.of(), null,
                cancelled ? null : new Element(endId, BpmnWaits.nameOf(model, endId)),
                cancelled ? Objects.requireNonNullElse(instance.getDeleteReason(), "cancelled") : null);
    }

    private FlowProgress running(HistoricProcessInstance instance, String meetingId) {
        BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
        Map<String, JobDefinition> jobDefinitions = management.createJobDefinitionQuery()
                .processDefinitionId(instance.getProcessDefinitionId()).list().stream()
                .collect(Collectors.toMap(JobDefinition::getId, Function.identity()));
        List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).list();

        Map<String, Instant> timerDue = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (Job job : jobs) {
            JobDefinition definition = jobDefinitions.get(job.getJobDefinitionId());
            String activityId = definition != null ? definition.getActivityId() : job.getFailedActivityId();
            boolean timer = definition != null && definition.getJobType().startsWith("timer");
            if (timer && job.getExceptionMessage() == null && job.getDuedate() != null) {
                timerDue.merge(activityId, instant(job.getDuedate()), (a, b) -> a.isBefore(b) ? a : b);
            } else {
                steps.add(jobStep(model, job, activityId));
            }
        }

        List<Awaited> listensFor = new ArrayList<>(BpmnWaits.ofScope(model, instance.getProcessDefinitionKey()));
        for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).unfinished().list()) {
            if (SCOPE_TYPES.contains(activity.getActivityType())) {
                listensFor.addAll(BpmnWaits.ofScope(model, activity.getActivityId()));
                listensFor.addAll(BpmnWaits.boundaryWaits(model, activity.getActivityId()));
            } else {
                steps.add(activityStep(model, activity, timerDue));
            }
        }
        listensFor = withTimerDates(listensFor, timerDue);
        steps.addAll(unclaimedTimers(model, timerDue, steps, listensFor));

        List<String> incidents = history.createHistoricIncidentQuery().processInstanceId(instance.getId()).open()
                .list().stream().map(FlowProgressService::describe).toList();
        Instant until = Stream.concat(steps.stream().map(Step::until), listensFor.stream().map(Awaited::until))
                .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        return new FlowProgress(instance.getProcessDefinitionKey(), instance.getProcessDefinitionName(),
                instance.getProcessDefinitionVersion(), instance.getId(), instance.getBusinessKey(), meetingId,
                state(instance, steps, incidents), instant(instance.getStartTime()), null, until,
                steps.stream().sorted(BY_SINCE).toList(),
                listensFor, incidents.isEmpty() ? null : incidents, null, null);
    }

    private static Step activityStep(BpmnModelInstance model, HistoricActivityInstance activity,
                                     Map<String, Instant> timerDue) {
        List<Awaited> waits = withTimerDates(BpmnWaits.of(model, activity.getActivityId()), timerDue);
        Instant until = waits.stream().map(Awaited::until).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
        String name = activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId();
        return new Step(activity.getActivityId(), name, activity.getActivityType(),
                waits.isEmpty() ? StepStatus.RUNNING : StepStatus.WAITING, instant(activity.getStartTime()), until,
                waits, null, null);
    }

    /** A step the job executor will take up: queued, retrying after a failure, or failed for good. */
    private static Step jobStep(BpmnModelInstance model, Job job, String activityId) {
        StepStatus status = job.getRetries() <= 0 ? StepStatus.FAILED
                : job.getExceptionMessage() != null ? StepStatus.RETRYING : StepStatus.QUEUED;
        return new Step(activityId, activityId == null ? null : BpmnWaits.nameOf(model, activityId),
                activityId == null ? null : BpmnWaits.typeOf(model, activityId), status, instant(job.getCreateTime()),
                instant(job.getDuedate()), List.of(), job.getRetries(), job.getExceptionMessage());
    }

    /** Timers no current step accounts for (an event sub-process's timer start, for example). */
    private static List<Step> unclaimedTimers(BpmnModelInstance model, Map<String, Instant> timerDue, List<Step> steps,
                                              List<Awaited> listensFor) {
        Set<String> claimed = new HashSet<>();
        steps.forEach(step -> step.waitingFor().forEach(wait -> claimed.add(wait.stepId())));
        listensFor.forEach(wait -> claimed.add(wait.stepId()));
        List<Step> unclaimed = new ArrayList<>();
        timerDue.forEach((activityId, due) -> {
            if (!claimed.contains(activityId)) {
                String name = BpmnWaits.nameOf(model, activityId);
                unclaimed.add(new Step(activityId, name, BpmnWaits.typeOf(model, activityId), StepStatus.WAITING, null,
                        due, List.of(new Awaited(AwaitedType.TIMER, null, activityId, name, due)), null, null));
            }
        });
        return unclaimed;
    }

    private static List<Awaited> withTimerDates(List<Awaited> waits, Map<String, Instant> timerDue) {
        return waits.stream()
                .map(wait -> wait.type() == AwaitedType.TIMER && timerDue.containsKey(wait.stepId())
                        ? wait.withUntil(timerDue.get(wait.stepId())) : wait)
                .toList();
    }

    private State state(HistoricProcessInstance instance, List<Step> steps, List<String> incidents) {
        if (HistoricProcessInstance.STATE_SUSPENDED.equals(instance.getState())) {
            return State.SUSPENDED;
        }
        if (!incidents.isEmpty() || steps.stream().anyMatch(step -> step.status() == StepStatus.FAILED)) {
            return State.INCIDENT;
        }
        Instant now = clock.instant();
        boolean working = steps.isEmpty() || steps.stream().anyMatch(step -> switch (step.status()) {
            case RUNNING, RETRYING -> true;
            case QUEUED -> step.until() == null || !step.until().isAfter(now);
            default -> false;
        });
        return working ? State.RUNNING : State.WAITING;
    }

    private Map<String, String> meetingIds(List<HistoricProcessInstance> instances) {
        Map<String, String> meetingIds = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
                .variableName(FlowVariables.MEETING_ID).list()) {
            if (variable.getValue() != null) {
                boolean processScope = variable.getProcessInstanceId().equals(variable.getActivityInstanceId());
                if (processScope || !meetingIds.containsKey(variable.getProcessInstanceId())) {
                    meetingIds.put(variable.getProcessInstanceId(), String.valueOf(variable.getValue()));
                }
            }
        }
        return meetingIds;
    }

    private static String describe(HistoricIncident incident) {
        return incident.getActivityId() + ": " + incident.getIncidentMessage();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
