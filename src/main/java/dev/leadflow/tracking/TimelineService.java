package dev.leadflow.tracking;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.leadflow.flow.RescheduleJobException;
import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.messaging.MessageLedger;
import dev.leadflow.tracking.TimelineEntry.Kind;

/**
 * "What happened to this lead, when, and why": Camunda's history (flows, steps, decisions, retries,
 * incidents, operator actions) merged with the ledger (messages and their statuses) and the replies.
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
    private final JdbcClient jdbc;
    private final List<TimelineSource> sources;

    TimelineService(HistoryService history, MessageLedger ledger, JdbcClient jdbc, ObjectProvider<TimelineSource> sources) {
        this.history = history;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.sources = sources.orderedStream().toList();
    }

    public List<TimelineEntry> timeline(String leadId) {
        List<TimelineEntry> entries = new ArrayList<>();
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(leadId).list();
        Map<String, String> flowOf = new HashMap<>();
        for (HistoricProcessInstance instance : instances) {
            flowOf.put(instance.getId(), instance.getProcessDefinitionKey());
            entries.add(new TimelineEntry(instant(instance.getStartTime()), Kind.FLOW_STARTED,
                    instance.getProcessDefinitionKey(), null, instance.getProcessDefinitionName()));
            if (instance.getEndTime() != null) {
                entries.add(new TimelineEntry(instant(instance.getEndTime()), Kind.FLOW_ENDED,
                        instance.getProcessDefinitionKey(), null, endReason(instance)));
            }
        }
        if (!instances.isEmpty()) {
            String[] ids = flowOf.keySet().toArray(String[]::new);
            addSteps(entries, ids, flowOf);
            addRetriesAndIncidents(entries, ids, flowOf);
            addOperatorActions(entries, ids, flowOf);
        }
        addMessages(entries, leadId);
        addReplies(entries, leadId);
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
                    activity.getActivityType()));
            String outcome = outcomes.get(activity.getId());
            if (outcome != null && outcome.startsWith("SKIPPED")) {
                entries.add(new TimelineEntry(instant(activity.getEndTime() != null ? activity.getEndTime()
                        : activity.getStartTime()), Kind.STEP_SKIPPED, flow, step, outcome.substring(9)));
            }
        }
    }

    private void addRetriesAndIncidents(List<TimelineEntry> entries, String[] instanceIds, Map<String, String> flowOf) {
        for (String instanceId : instanceIds) {
            history.createHistoricJobLogQuery().processInstanceId(instanceId).failureLog().list().forEach(log ->
                    entries.add(RescheduleJobException.parse(log.getJobExceptionMessage())
                            .map(deferred -> new TimelineEntry(instant(log.getTimestamp()), Kind.STEP_DEFERRED,
                                    flowOf.get(instanceId), log.getActivityId(), deferred.reason() + " (due "
                                    + deferred.until() + ")"))
                            .orElseGet(() -> new TimelineEntry(instant(log.getTimestamp()), Kind.RETRY,
                                    flowOf.get(instanceId), log.getActivityId(), log.getJobExceptionMessage()
                                    + " (retries left: " + Math.max(0, log.getJobRetries() - 1) + ")"))));
            history.createHistoricIncidentQuery().processInstanceId(instanceId).list().forEach(incident ->
                    entries.add(new TimelineEntry(instant(incident.getCreateTime()), Kind.INCIDENT,
                            flowOf.get(instanceId), incident.getActivityId(), incident.getIncidentMessage()
                            + (incident.isResolved() ? " (resolved)" : incident.isDeleted() ? " (deleted)" : " (open)"))));
        }
    }

    private void addOperatorActions(List<TimelineEntry> entries, String[] instanceIds, Map<String, String> flowOf) {
        for (String instanceId : instanceIds) {
            history.createUserOperationLogQuery().processInstanceId(instanceId).list().stream()
                    .filter(op -> op.getUserId() != null)
                    .forEach(op -> entries.add(new TimelineEntry(instant(op.getTimestamp()), Kind.OPERATOR_ACTION,
                            flowOf.get(instanceId), null, op.getUserId() + ": " + op.getOperationType()
                            + (op.getProperty() != null ? " " + op.getProperty() + "=" + op.getNewValue() : ""))));
        }
    }

    private void addMessages(List<TimelineEntry> entries, String leadId) {
        for (MessageAttempt attempt : ledger.findByLead(leadId)) {
            if (attempt.wamid() != null) {
                entries.add(new TimelineEntry(attempt.createdAt(), Kind.MESSAGE_SENT, attempt.flow(), attempt.step(),
                        (attempt.freeForm() ? "free-form text of " : "") + attempt.templateName() + " ("
                                + attempt.language() + ", " + attempt.category() + ")"));
                ledger.statusHistory(attempt.wamid()).forEach(status -> {
                    Kind kind = switch (status.status()) {
                        case DELIVERED -> Kind.MESSAGE_DELIVERED;
                        case READ -> Kind.MESSAGE_READ;
                        case FAILED -> Kind.MESSAGE_FAILED;
                        default -> null;
                    };
                    if (kind != null) {
                        // Meta's timestamps are whole seconds: a status never shows before its message
                        Instant at = status.occurredAt() == null || status.occurredAt().isBefore(attempt.createdAt())
                                ? attempt.createdAt() : status.occurredAt();
                        entries.add(new TimelineEntry(at, kind, attempt.flow(), attempt.step(),
                                kind == Kind.MESSAGE_FAILED ? "(" + status.errorCode() + ") " + status.errorDetail()
                                        : attempt.templateName()));
                    }
                });
            } else if (attempt.errorCode() != null || attempt.errorDetail() != null) {
                entries.add(new TimelineEntry(attempt.updatedAt(), Kind.MESSAGE_FAILED, attempt.flow(), attempt.step(),
                        attempt.status() + ": " + (attempt.errorCode() == null ? "" : "(" + attempt.errorCode() + ") ")
                                + attempt.errorDetail()));
            }
        }
    }

    /** Replies, each linked to the message it answers ({@code context.id}) when WhatsApp said so. */
    private void addReplies(List<TimelineEntry> entries, String leadId) {
        // the message replied to comes from the ledger, its owner (most often one of the lead's own)
        Map<String, Optional<MessageAttempt>> repliedTo = new HashMap<>();
        jdbc.sql("""
                        select i.body, i.payload, i.occurred_at, i.opt_out, i.context_wamid
                        from inbound_message i
                        where i.lead_id = ?""")
                .param(leadId)
                .query((rs, n) -> {
                    String context = rs.getString("context_wamid");
                    Optional<MessageAttempt> attempt = context == null ? Optional.empty()
                            : repliedTo.computeIfAbsent(context, ledger::findByWamid);
                    return new TimelineEntry(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            Kind.REPLY_RECEIVED, attempt.map(MessageAttempt::flow).orElse(null),
                            attempt.map(MessageAttempt::step).orElse(null),
                            replyDetail(rs.getString("body"), rs.getString("payload"), rs.getBoolean("opt_out"),
                                    attempt.map(MessageAttempt::templateName).orElse(null)));
                })
                .list()
                .forEach(entries::add);
    }

    private static String replyDetail(String text, String payload, boolean optOut, String repliedTo) {
        String what;
        if (payload != null) {
            what = "tapped " + (text != null ? "\"" + text.strip() + "\" (" + payload + ")" : payload);
        } else {
            what = text != null ? text.strip() : "(no text)";
        }
        return what + (repliedTo != null ? ", replied to " + repliedTo : "")
                + (optOut ? ": opt-out word, consent withdrawn" : "");
    }

    private void addFromSources(List<TimelineEntry> entries, String leadId) {
        for (TimelineSource source : sources) {
            entries.addAll(source.entriesOf(leadId));
        }
    }

    private static String endReason(HistoricProcessInstance instance) {
        if (instance.getDeleteReason() != null) {
            return "cancelled: " + instance.getDeleteReason();
        }
        return instance.getEndActivityId() != null ? instance.getEndActivityId() : instance.getState();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
