package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * Scenario steps shared by the flow tests: a lead that the CRM creates and sends events about, and that
 * answers in WhatsApp through the sandbox, exactly as in production.
 */
abstract class FlowScenarioTest extends LeadflowIntegrationTest {

    protected static final String MEETING_ZONE = "America/Sao_Paulo";
    /**
     * Monday noon in São Paulo: the flows' days (1, 3, 7 ... days later) fall inside the default send window
     * (09:00-20:00, closed on Sundays), so the tests see the flows' own timing, not quiet-hour deferrals.
     */
    protected static final Instant START = Instant.parse("2026-03-09T15:00:00Z");

    private static final Duration PAIR_LIMIT_DEFERRAL = Duration.ofSeconds(10);
    private static final AtomicInteger EVENTS = new AtomicInteger();

    protected final String leadId = TestLeads.newLeadId();
    protected final String phone = TestLeads.newPhone();

    @Autowired
    protected FlowPort flows;
    @Autowired
    protected JdbcClient jdbc;

    @BeforeEach
    void startOnAMonday() {
        Engine.setNow(START);
    }

    /** The CRM creates the lead (Ana, pt-BR, São Paulo, owner maria) with WhatsApp consent. */
    protected void newConsentedLead() {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    /**
     * A lead whose consent came later by a CRM event ({@code OPTED_IN}), so it gets no welcome: the test sees
     * only the messages of the flow under test.
     */
    protected void consentedLeadWithoutWelcome() {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, false)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        event("OPTED_IN", "");
        assertThat(engine.instancesOf(leadId)).isEmpty();
    }

    /** A CRM event of the lead; {@code fields} is the JSON of the type's fields, e.g. {@code "status":"Lost"}. */
    protected ResponseEntity<String> event(String type, String fields) {
        ResponseEntity<String> response = postEvent(leadId, """
                {"eventId":"%s-%d","type":"%s","occurredAt":"%s"%s}""".formatted(leadId, EVENTS.incrementAndGet(), type,
                Engine.now(), fields.isEmpty() ? "" : "," + fields));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return response;
    }

    protected ResponseEntity<String> meetingEvent(String type, String meetingId, Instant startsAt) {
        return event(type, """
                "meeting":{"id":"%s",%s"timezone":"%s","joinUrl":"https://meet.example/%s"}""".formatted(meetingId,
                startsAt == null ? "" : "\"startsAt\":\"" + startsAt + "\",", MEETING_ZONE, meetingId));
    }

    /** The lead writes in WhatsApp (the sandbox posts a signed webhook, as Meta would); waits until it took effect. */
    protected void reply(String text, Callable<Boolean> tookEffect) {
        assertThat(api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"%s"}""".formatted(phone, text)), String.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(10)).until(tookEffect);
    }

    /** The lead taps a quick-reply button of a meeting message: the webhook hands the tap to the flow port. */
    protected int taps(FlowPort.MeetingReply button, String meetingId) {
        return flows.meetingReply(leadId, meetingId, button);
    }

    /** The lead's running instance of the flow, or null. */
    protected ProcessInstance flowOf(String processKey) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(leadId)
                .singleResult();
    }

    protected ProcessInstance meetingFlowOf(String processKey, String meetingId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(leadId)
                .variableValueEquals(FlowVariables.MEETING_ID, meetingId).singleResult();
    }

    /** The lead's one flow of this key, running or ended, for camunda-bpm-assert; null when there is none. */
    protected ProcessInstance anyFlowOf(String processKey) {
        HistoricProcessInstance found = history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKey(leadId).singleResult();
        return found == null ? null : new HistoricInstance(found);
    }

    protected boolean ended(ProcessInstance instance) {
        return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 0;
    }

    protected List<String> sent() {
        return cloudApi.templatesSentTo(phone);
    }

    protected Task openTask(ProcessInstance instance) {
        return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    /** Ops answer the flow's "could not be sent" task: retry, skip or numberInvalid (form send-failure). */
    protected void opsDecide(ProcessInstance instance, String decision) {
        tasks.complete(openTask(instance).getId(), Map.of(FlowVariables.SEND_FAILURE_DECISION, decision,
                FlowVariables.OPS_NOTE, "checked"));
    }

    /** Fires the lead's due timers and nothing else: the sends they lead to stay due as jobs. */
    protected void onlyDueTimersFire() {
        Set<String> due = engine.dueJobs(leadId).stream().map(Job::getId).collect(Collectors.toSet());
        List<Job> timers = management.createJobQuery().timers().list().stream()
                .filter(job -> due.contains(job.getId())).toList();
        assertThat(timers).isNotEmpty();
        timers.forEach(timer -> management.executeJob(timer.getId()));
    }

    protected Instant rewarmingCandidateSince() {
        return jdbc.sql("select rewarming_candidate_at from lead where lead_id = ?").param(leadId)
                .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant).orElse(null);
    }

    /** The clock reaches the moment and the lead's due jobs run. */
    protected void at(Instant moment) {
        Engine.setNow(moment);
        runDueJobs();
    }

    protected void timePasses(Duration duration) {
        at(Engine.now().plus(duration));
    }

    /**
     * Runs the lead's due jobs, then the sends (not timers) that Meta's pair rate limit deferred by a few
     * seconds: a test sends several messages to one number within seconds of wall time, so the limit (a burst
     * of 3, then one per 6 s) holds some back; waiting for them keeps each test about its flow's own timing.
     */
    protected void runDueJobs() {
        runDueJobsOf(leadId);
    }

    protected void runDueJobsOf(String lead) {
        engine.runDueJobs(lead);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Set<String> sends = management.createJobQuery().messages().list().stream().map(Job::getId)
                    .collect(Collectors.toSet());
            Optional<Instant> soon = engine.jobsOf(lead).stream()
                    .filter(job -> sends.contains(job.getId()) && job.getDuedate() != null && job.getRetries() > 0)
                    .map(job -> job.getDuedate().toInstant())
                    .filter(due -> due.isBefore(Engine.now().plus(PAIR_LIMIT_DEFERRAL)))
                    .min(Instant::compareTo);
            if (soon.isEmpty()) {
                return true;
            }
            if (soon.get().isAfter(Engine.now())) {
                Engine.setNow(soon.get());
            }
            engine.runDueJobs(lead);
            return false;
        });
    }

    /** A moment relative to the engine clock, e.g. a meeting three days ahead. */
    protected static Instant fromNow(Duration duration) {
        return Engine.now().plus(duration);
    }

    /** A process instance as history knows it: enough for camunda-bpm-assert's checks of an ended flow. */
    private record HistoricInstance(HistoricProcessInstance historic) implements ProcessInstance {
        @Override public String getId() { return historic.getId(); }
        @Override public String getProcessInstanceId() { return historic.getId(); }
        @Override public String getProcessDefinitionId() { return historic.getProcessDefinitionId(); }
        @Override public String getProcessDefinitionKey() { return historic.getProcessDefinitionKey(); }
        @Override public String getBusinessKey() { return historic.getBusinessKey(); }
        @Override public String getRootProcessInstanceId() { return historic.getRootProcessInstanceId(); }
        @Override public String getCaseInstanceId() { return historic.getCaseInstanceId(); }
        @Override public String getTenantId() { return historic.getTenantId(); }
        @Override public boolean isSuspended() { return false; }
        @Override public boolean isEnded() { return historic.getEndTime() != null; }
    }
}
