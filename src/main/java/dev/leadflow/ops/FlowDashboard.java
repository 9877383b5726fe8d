package dev.leadflow.ops;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.management.IncidentStatistics;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.messaging.LedgerReports.FailureCount;
import dev.leadflow.messaging.LedgerReports.FunnelCount;
import dev.leadflow.messaging.OperatorHolds;

/**
 * Whether the flows work: per flow the funnel sent, delivered, read, replied, meeting booked, deal won, by
 * week and by template; failures by error code; leads waiting at each step; open incidents and tasks;
 * reply rate and time to first reply. Weeks start on Monday in {@code leadflow.ops.time-zone}.
 */
@Service
public class FlowDashboard {

    public static final int MAX_WEEKS = 104;
    /** Replies and CRM events taken into account per statement, so one refresh never holds long locks. */
    static final int REFRESH_BATCH = 500;

    private final DashboardQueries queries;
    private final ManagementService management;
    private final RepositoryService repository;
    private final HistoryService history;
    private final TaskService tasks;
    private final OperatorHolds holds;
    private final Clock clock;
    private final ZoneId zone;
    private final int attributionDays;

    FlowDashboard(DashboardQueries queries, ManagementService management, RepositoryService repository,
                  HistoryService history, TaskService tasks, OperatorHolds holds, Clock clock, OpsProperties ops) {
        this.queries = queries;
        this.management = management;
        this.repository = repository;
        this.history = history;
        this.tasks = tasks;
        this.holds = holds;
        this.clock = clock;
        this.zone = ops.timeZone();
        this.attributionDays = ops.attributionDays();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dashboard(Instant generatedAt, String timeZone, List<LocalDate> weeks, int attributionDays,
                            List<FunnelRow> funnel, List<Outcomes> flows, List<Outcomes> templates,
                            List<FailureCount> failures, List<WaitingStep> waiting, OpenWork open,
                            List<OperatorHolds.HeldSubject> held) {
    }

    /** One week, flow and template of the funnel. */
    public record FunnelRow(LocalDate week, String flow, String template, long attempts, long sent, long delivered,
                            long read, long replied, long meetingBooked, long dealWon, long failed) {
    }

    /**
     * The funnel of a flow or a template over the whole period, with its rates (of the messages sent) and the
     * mean time from a message to the lead's first reply.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcomes(String name, long sent, long delivered, long read, long replied, long meetingBooked,
                           long dealWon, long failed, double replyRate, double meetingRate, double dealRate,
                           Long minutesToFirstReply) {
    }

    public record WaitingStep(String flow, String stepId, String step, long leads, long failedJobs, long incidents) {
    }

    public record OpenWork(long incidents, long tasks, List<TaskCount> tasksByName) {
    }

    public record TaskCount(String flow, String task, long open) {
    }

    /** How many weeks the API and the Cockpit page show: 1 to {@link #MAX_WEEKS}. */
    public static int checkedWeeks(int weeks) {
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new InvalidFieldException("weeks", "1 to " + MAX_WEEKS);
        }
        return weeks;
    }

    public Dashboard dashboard(int weeks) {
        List<LocalDate> weekDays = weeks(weeks);
        List<Instant> starts = weekDays.stream().map(day -> day.atStartOfDay(zone).toInstant()).toList();
        Instant end = clock.instant();
        queries.refreshOutcomes(attributionDays, REFRESH_BATCH);
        List<FunnelCount> counts = queries.funnel(starts, end);
        List<FunnelRow> funnel = counts.stream().map(c -> new FunnelRow(weekDays.get(c.week()), c.flow(), c.template(),
                c.attempts(), c.sent(), c.delivered(), c.read(), c.replied(), c.meetingBooked(), c.dealWon(),
                c.failed())).toList();
        return new Dashboard(end, zone.getId(), weekDays, attributionDays, funnel,
                outcomes(counts, FunnelCount::flow), outcomes(counts, FunnelCount::template),
                queries.failures(starts.get(0), end), waitingSteps(), openWork(), holds.heldSubjects());
    }

    /** The funnel by week, flow and template as CSV. */
    public String funnelCsv(int weeks) {
        return DashboardCsv.funnel(dashboard(weeks).funnel());
    }

    /** The failures by error code and flow as CSV. */
    public String failuresCsv(int weeks) {
        return DashboardCsv.failures(dashboard(weeks).failures());
    }

    /**
     * Takes the replies and CRM events that came since the last run into account, so a reading of the
     * dashboard finds little left to do. The interval is {@link OpsProperties}' (the bean's name is the one
     * configuration-properties scanning gives it), so its default lives in one place.
     */
    @Scheduled(fixedDelayString = "#{@'leadflow.ops-dev.leadflow.ops.OpsProperties'.outcomeRefreshInterval()}",
            initialDelayString = "PT1M")
    void refreshOutcomes() {
        queries.refreshOutcomes(attributionDays, REFRESH_BATCH);
    }

    /** Mondays of the last {@code weeks} weeks, the current one last. */
    List<LocalDate> weeks(int weeks) {
        LocalDate thisMonday = clock.instant().atZone(zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<LocalDate> days = new ArrayList<>();
        for (int back = weeks - 1; back >= 0; back--) {
            days.add(thisMonday.minusWeeks(back));
        }
        return days;
    }

    private static List<Outcomes> outcomes(List<FunnelCount> counts, Function<FunnelCount, String> by) {
        Map<String, List<FunnelCount>> grouped = counts.stream()
                .collect(Collectors.groupingBy(by, LinkedHashMap::new, Collectors.toList()));
        return grouped.entrySet().stream().map(entry -> {
            List<FunnelCount> rows = entry.getValue();
            long sent = rows.stream().mapToLong(FunnelCount::sent).sum();
            long replied = rows.stream().mapToLong(FunnelCount::replied).sum();
            long booked = rows.stream().mapToLong(FunnelCount::meetingBooked).sum();
            long won = rows.stream().mapToLong(FunnelCount::dealWon).sum();
            double weightedSeconds = rows.stream().filter(r -> r.secondsToFirstReply() != null)
                    .mapToDouble(r -> r.secondsToFirstReply() * r.replied()).sum();
            return new Outcomes(entry.getKey(), sent, rows.stream().mapToLong(FunnelCount::delivered).sum(),
                    rows.stream().mapToLong(FunnelCount::read).sum(), replied, booked, won,
                    rows.stream().mapToLong(FunnelCount::failed).sum(), rate(replied, sent), rate(booked, sent),
                    rate(won, sent), replied == 0 ? null : Math.round(weightedSeconds / replied / 60));
        }).sorted(Comparator.comparingDouble(Outcomes::meetingRate).reversed()
                .thenComparing(Comparator.comparingDouble(Outcomes::replyRate).reversed())
                .thenComparing(Outcomes::name)).toList();
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }

    /** Running instances per step of every deployed flow, from the engine's own statistics (as Cockpit counts). */
    List<WaitingStep> waitingSteps() {
        List<WaitingStep> steps = new ArrayList<>();
        for (ProcessDefinitionStatistics definition : management.createProcessDefinitionStatisticsQuery().list()) {
            if (definition.getInstances() == 0) {
                continue;
            }
            BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
            for (ActivityStatistics activity : management.createActivityStatisticsQuery(definition.getId())
                    .includeFailedJobs().includeIncidents().list()) {
                ModelElementInstance element = model.getModelElementById(activity.getId());
                if (element instanceof SubProcess || !(element instanceof FlowNode node)) {
                    continue;
                }
                steps.add(new WaitingStep(definition.getKey(), activity.getId(),
                        node.getName() != null ? node.getName() : activity.getId(), activity.getInstances(),
                        activity.getFailedJobs(), activity.getIncidentStatistics().stream()
                        .mapToLong(IncidentStatistics::getIncidentCount).sum()));
            }
        }
        Map<String, WaitingStep> merged = new LinkedHashMap<>();
        for (WaitingStep step : steps) {
            merged.merge(step.flow() + "/" + step.stepId(), step, (a, b) -> new WaitingStep(a.flow(), a.stepId(),
                    a.step(), a.leads() + b.leads(), a.failedJobs() + b.failedJobs(), a.incidents() + b.incidents()));
        }
        return merged.values().stream().sorted(Comparator.comparingLong(WaitingStep::leads).reversed()
                .thenComparing(WaitingStep::flow).thenComparing(WaitingStep::stepId)).toList();
    }

    private OpenWork openWork() {
        List<Task> open = tasks.createTaskQuery().active().listPage(0, 10_000);
        Map<String, String> flowOfDefinition = new LinkedHashMap<>();
        Map<List<String>, Long> byName = open.stream().collect(Collectors.groupingBy(task -> List.of(
                flowOfDefinition.computeIfAbsent(String.valueOf(task.getProcessDefinitionId()),
                        id -> id.contains(":") ? id.substring(0, id.indexOf(':')) : id),
                String.valueOf(task.getName())), LinkedHashMap::new, Collectors.counting()));
        return new OpenWork(history.createHistoricIncidentQuery().open().count(), tasks.createTaskQuery().active().count(),
                byName.entrySet().stream().map(e -> new TaskCount(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                        .sorted(Comparator.comparingLong(TaskCount::open).reversed()).toList());
    }
}
