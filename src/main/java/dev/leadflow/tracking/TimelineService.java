package dev.leadflow.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import dev.leadflow.flow.RescheduleJobException;
import dev.leadflow.messaging.AttemptStatus;
import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.messaging.MessageLedger;
import dev.leadflow.messaging.OutboundChannel;
import dev.leadflow.messaging.PlainWords;
import dev.leadflow.tracking.TimelineEntry.Kind;

/**
 * "What happened to this lead, when, and why": Camunda's history (flows, steps, decisions, retries,
 * incidents, operator actions) merged with the ledger (messages and their statuses) and the sources of other
 * capabilities (what the lead sent, CRM events, operator actions).
 */
@Service
public class TimelineService {

    private static final Set<String> STEP_TYPES = Set.of("serviceTask", "sendTask", "userTask", "callActivity",
            "intermediateTimer", "intermediateMessageCatch", "receiveTask", "boundaryTimer", "boundaryMessage",
            "boundaryError", "subProcess", "intermediateNoneThrowEvent", "noneEndEvent", "messageEndEvent",
            "errorEndEvent", "terminateEndEvent");
    private static final String SEND_OUTCOME = "sendOutcome";

    private final HistoryService history;
    private final MessageLedger ledger;
    private final List<TimelineSource> sources;
    private final StepNames stepNames;
    private final OutboundChannel channel;

    TimelineService(HistoryService history, MessageLedger ledger, ObjectProvider<TimelineSource> sources,
                    StepNames stepNames, OutboundChannel channel) {
        this.channel = channel;
        this.history = history;
        this.ledger = ledger;
        this.sources = sources.orderedStream().toList();
        this.stepNames = stepNames;
    }

    public List<TimelineEntry> timeline(String leadId) {
        List<TimelineEntry> entries = new ArrayList<>();
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(leadId).list();
        Map<String, String> flowOf = new HashMap<>();
        Map<String, String> definitionOf = new HashMap<>();
        for (HistoricProcessInstance instance : instances) {
            flowOf.put(instance.getId(), instance.getProcessDefinitionKey());
            definitionOf.put(instance.getId(), instance.getProcessDefinitionId());
            entries.add(new TimelineEntry(instant(instance.getStartTime()), Kind.FLOW_STARTED,
                    instance.getProcessDefinitionKey(), null, instance.getProcessDefinitionName()));
            if (instance.getEndTime() != null) {
                entries.add(new TimelineEntry(instant(instance.getEndTime()), Kind.FLOW_ENDED,
                        instance.getProcessDefinitionKey(), null, endReason(instance, instances)));
            }
        }
        if (!instances.isEmpty()) {
            String[] ids = flowOf.keySet().toArray(String[]::new);
            addSteps(entries, ids, flowOf);
            addRetriesAndIncidents(entries, ids, flowOf, definitionOf);
            addOperatorActions(entries, ids, flowOf);
        }
        addMessages(entries, leadId);
        addFromSources(entries, leadId);
        entries.sort(Comparator.comparing(TimelineEntry::at).thenComparing(e -> e.kind().ordinal()));
        return entries;
    }

    private void addSteps(List<TimelineEntry> entries, String[] instanceIds, Map<String, String> flowOf) {
        Map<String, String> outcomes = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(instanceIds).variableName(SEND_OUTCOME).list()) {
            outcomes.put(variable.getActivityInstanceId(), String.valueOf(variable.getValue()));
        }
        List<HistoricActivityInstance> activities = new ArrayList<>();
        for (String instanceId : instanceIds) {
            activities.addAll(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).list());
        }
        for (HistoricActivityInstance activity : activities) {
            if (!STEP_TYPES.contains(activity.getActivityType())) {
                continue;
            }
            String flow = flowOf.get(activity.getProcessInstanceId());
            String step = activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId();
            entries.add(new TimelineEntry(instant(activity.getStartTime()), Kind.STEP_REACHED, flow, step,
                    EngineWords.activityType(activity.getActivityType())));
            String outcome = outcomes.get(activity.getId());
            if (outcome != null && (outcome.startsWith("SKIPPED") || outcome.startsWith("ALREADY_SENT"))) {
                entries.add(new TimelineEntry(instant(activity.getEndTime() != null ? activity.getEndTime()
                        : activity.getStartTime()), Kind.STEP_SKIPPED, flow, step,
                        outcome.substring(outcome.indexOf(": ") + 2)));
            }
        }
    }

    private void addRetriesAndIncidents(List<TimelineEntry> entries, String[] instanceIds, Map<String, String> flowOf,
                                        Map<String, String> definitionOf) {
        for (String instanceId : instanceIds) {
            String definition = definitionOf.get(instanceId);
            history.createHistoricJobLogQuery().processInstanceId(instanceId).failureLog().list().forEach(log -> {
                String step = stepNames.ofActivity(definition, log.getActivityId());
                entries.add(RescheduleJobException.parse(log.getJobExceptionMessage())
                        .map(deferred -> new TimelineEntry(instant(log.getTimestamp()), Kind.STEP_DEFERRED,
                                flowOf.get(instanceId), step, deferred.reason() + " (next try "
                                + PlainWords.at(deferred.until()) + ")"))
                        .orElseGet(() -> new TimelineEntry(instant(log.getTimestamp()), Kind.RETRY,
                                flowOf.get(instanceId), step, EngineWords.failure(log.getJobExceptionMessage())
                                + EngineWords.triesLeft(Math.max(0, log.getJobRetries() - 1)))));
            });
            history.createHistoricIncidentQuery().processInstanceId(instanceId).list().forEach(incident ->
                    entries.add(new TimelineEntry(instant(incident.getCreateTime()), Kind.INCIDENT,
                            flowOf.get(instanceId), stepNames.ofActivity(definition, incident.getActivityId()),
                            "stopped for ops: " + EngineWords.failure(incident.getIncidentMessage())
                                    + (incident.isResolved() ? " (resolved)" : incident.isDeleted() ? " (removed)"
                                    : " (open)"))));
        }
    }

    private void addOperatorActions(List<TimelineEntry> entries, String[] instanceIds, Map<String, String> flowOf) {
        for (String instanceId : instanceIds) {
            Set<String> operations = new java.util.HashSet<>();
            history.createUserOperationLogQuery().processInstanceId(instanceId).list().stream()
                    .filter(op -> op.getUserId() != null)
                    .filter(EngineWords::tellsTheOperation)
                    .filter(op -> op.getOperationId() == null || operations.add(op.getOperationId()))
                    .forEach(op -> entries.add(new TimelineEntry(instant(op.getTimestamp()), Kind.OPERATOR_ACTION,
                            flowOf.get(instanceId), null, op.getUserId() + " " + EngineWords.operation(op))));
        }
    }

    private void addMessages(List<TimelineEntry> entries, String leadId) {
        for (MessageAttempt attempt : ledger.findByLead(leadId)) {
            String step = stepNames.ofSendStep(attempt.flow(), attempt.step());
            if (attempt.wamid() != null) {
                // sent when the Cloud API accepted it, after the refusals that came before
                Instant sentAt = attempt.acceptedAt() != null ? attempt.acceptedAt() : attempt.createdAt();
                entries.add(new TimelineEntry(sentAt, Kind.MESSAGE_SENT, attempt.flow(), step,
                        (attempt.freeForm() ? "free-form text of " : "") + attempt.templateName() + " ("
                                + attempt.language() + ", " + attempt.category() + ")"
                                + (attempt.resendOf() != null ? ", sent again by an operator" : "")));
                ledger.statusHistory(attempt.wamid()).forEach(status -> {
                    Kind kind = switch (status.status()) {
                        case DELIVERED -> Kind.MESSAGE_DELIVERED;
                        case READ -> Kind.MESSAGE_READ;
                        case FAILED -> Kind.MESSAGE_FAILED;
                        default -> null;
                    };
                    if (kind != null) {
                        // Meta's timestamps are whole seconds: a status never shows before its message
                        Instant at = status.occurredAt() == null || status.occurredAt().isBefore(sentAt)
                                ? sentAt : status.occurredAt();
                        entries.add(new TimelineEntry(at, kind, attempt.flow(), step,
                                kind == Kind.MESSAGE_FAILED ? "not delivered: " + failure(status.errorCode(),
                                        status.errorDetail()) : attempt.templateName()));
                    }
                });
            } else if (attempt.errorCode() != null || attempt.errorDetail() != null) {
                entries.add(new TimelineEntry(attempt.updatedAt(), Kind.MESSAGE_FAILED, attempt.flow(), step,
                        (attempt.status() == AttemptStatus.PENDING ? "outcome unknown: " : "refused: ")
                                + failure(attempt.errorCode(), attempt.errorDetail())));
            }
        }
    }

    private String failure(Integer code, String detail) {
        return PlainWords.failure(code == null ? null : channel.plainWords(code), code, detail);
    }

    private void addFromSources(List<TimelineEntry> entries, String leadId) {
        for (TimelineSource source : sources) {
            entries.addAll(source.entriesOf(leadId));
        }
    }

    private String endReason(HistoricProcessInstance instance, List<HistoricProcessInstance> instances) {
        if (instance.getDeleteReason() != null) {
            String caller = instances.stream()
                    .filter(other -> other.getId().equals(instance.getSuperProcessInstanceId()))
                    .map(HistoricProcessInstance::getProcessDefinitionId).findFirst().orElse(null);
            return EngineWords.deleteReason(instance.getDeleteReason(),
                    activity -> stepNames.ofActivity(caller != null ? caller : instance.getProcessDefinitionId(),
                            activity));
        }
        return instance.getEndActivityId() != null
                ? stepNames.ofActivity(instance.getProcessDefinitionId(), instance.getEndActivityId())
                : instance.getState();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
