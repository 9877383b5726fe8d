package dev.leadflow.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.messaging.OperatorHolds;
import dev.leadflow.messaging.PlainWords;

/**
 * The leads ops should look at: a flow with an open incident, a task waiting for an operator, a flow an
 * operator paused, or a flow that has waited at one step for longer than the threshold; and the channels
 * and templates whose sends are held. Each lead comes with why; its flows and timeline tell the rest.
 */
@Service
public class StuckLeads {

    /** The steps where a flow waits for something outside it. */
    private static final List<String> WAITING_TYPES = List.of("intermediateTimer", "receiveTask",
            "eventBasedGateway", "intermediateMessageCatch", "userTask", "serviceTask");

    private final HistoryService history;
    private final TaskService tasks;
    private final OperatorHolds holds;
    private final Clock clock;

    StuckLeads(HistoryService history, TaskService tasks, OperatorHolds holds, Clock clock) {
        this.history = history;
        this.tasks = tasks;
        this.holds = holds;
        this.clock = clock;
    }

    public enum Why { INCIDENT, TASK, PAUSED, WAITING_LONG }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reason(Why why, String flow, String instanceId, String stepId, String step, Instant since,
                         String detail) {
    }

    public record StuckLead(String leadId, Instant since, List<Reason> reasons) {
    }

    /** @param waitingLongerThanInWords the threshold as a person reads it: "7 days", not PT168H */
    public record Report(Instant generatedAt, Duration waitingLongerThan, List<OperatorHolds.HeldSubject> held,
                         List<StuckLead> leads, String waitingLongerThanInWords) {
    }

    /** A wait threshold as the API and the Cockpit page take it: an ISO-8601 duration, not negative. */
    public static Duration checkedThreshold(String waitingLongerThan) {
        Duration threshold;
        try {
            threshold = Duration.parse(waitingLongerThan);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("waitingLongerThan", "an ISO-8601 duration such as P7D or PT12H");
        }
        if (threshold.isNegative()) {
            throw new InvalidFieldException("waitingLongerThan", "must not be negative");
        }
        return threshold;
    }

    public Report find(Duration waitingLongerThan, int limit) {
        Instant now = clock.instant();
        List<Pending> found = new ArrayList<>();
        history.createHistoricIncidentQuery().open().orderByCreateTime().asc().listPage(0, limit).forEach(incident ->
                found.add(new Pending(incident.getProcessInstanceId(), new Reason(Why.INCIDENT, null,
                        incident.getProcessInstanceId(), incident.getActivityId(), null,
                        incident.getCreateTime().toInstant(), incident.getIncidentMessage()))));
        tasks.createTaskQuery().active().orderByTaskCreateTime().asc().listPage(0, limit).forEach(task ->
                found.add(new Pending(task.getProcessInstanceId(), new Reason(Why.TASK, null,
                        task.getProcessInstanceId(), task.getTaskDefinitionKey(), task.getName(),
                        task.getCreateTime().toInstant(), "waits for an operator in Tasklist"))));
        history.createHistoricProcessInstanceQuery().suspended().orderByProcessInstanceStartTime().asc()
                .listPage(0, limit).forEach(instance -> found.add(new Pending(instance.getId(), new Reason(Why.PAUSED,
                        null, instance.getId(), null, null, instance.getStartTime().toInstant(),
                        "paused by an operator"))));
        Date before = Date.from(now.minus(waitingLongerThan));
        for (String type : WAITING_TYPES) {
            history.createHistoricActivityInstanceQuery().unfinished().activityType(type).startedBefore(before)
                    .orderByHistoricActivityInstanceStartTime().asc().listPage(0, limit).forEach(activity ->
                            found.add(new Pending(activity.getProcessInstanceId(), new Reason(Why.WAITING_LONG, null,
                                    activity.getProcessInstanceId(), activity.getActivityId(),
                                    activity.getActivityName(), activity.getStartTime().toInstant(),
                                    "waiting for " + PlainWords.duration(Duration.between(
                                            activity.getStartTime().toInstant(), now))))));
        }
        Map<String, HistoricProcessInstance> instances = instances(found.stream().map(Pending::instanceId)
                .collect(Collectors.toSet()));
        Map<String, List<Reason>> byLead = new LinkedHashMap<>();
        found.stream().sorted(Comparator.comparing(p -> p.reason().since())).forEach(pending -> {
            HistoricProcessInstance instance = instances.get(pending.instanceId());
            if (instance == null || instance.getBusinessKey() == null) {
                return;
            }
            Reason r = pending.reason();
            byLead.computeIfAbsent(instance.getBusinessKey(), lead -> new ArrayList<>()).add(new Reason(r.why(),
                    instance.getProcessDefinitionKey(), r.instanceId(), r.stepId(), r.step(), r.since(), r.detail()));
        });
        List<StuckLead> leads = byLead.entrySet().stream()
                .map(entry -> new StuckLead(entry.getKey(), entry.getValue().get(0).since(), entry.getValue()))
                .limit(limit).toList();
        return new Report(now, waitingLongerThan, holds.heldSubjects(), leads, PlainWords.duration(waitingLongerThan));
    }

    private record Pending(String instanceId, Reason reason) {
    }

    private Map<String, HistoricProcessInstance> instances(Set<String> ids) {
        Map<String, HistoricProcessInstance> instances = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 500) {
            Set<String> chunk = Set.copyOf(all.subList(from, Math.min(all.size(), from + 500)));
            history.createHistoricProcessInstanceQuery().processInstanceIds(chunk).list()
                    .forEach(instance -> instances.put(instance.getId(), instance));
        }
        return instances;
    }
}
