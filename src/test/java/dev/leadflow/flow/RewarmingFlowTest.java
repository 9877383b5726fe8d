package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import dev.leadflow.support.Engine;
import dev.leadflow.support.TestLeads;

/** The rewarming dispatcher's selection and every exit of processes/rewarming.bpmn. */
class RewarmingFlowTest extends FlowScenarioTest {

    private static final List<Duration> FOLLOW_UP_WAITS =
            List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(7));
    private static final Duration INACTIVE = Duration.ofDays(30);
    private static final String FIRST = "leadflow_reactivation_1";
    private static final String SECOND = "leadflow_reactivation_2";

    @Test
    void theDispatcherSelectsOnlyStalledOpenConsentedLeadsWithoutARunningFlow() {
        String closed = TestLeads.newLeadId();
        String optedOut = TestLeads.newLeadId();
        String recentlyActive = TestLeads.newLeadId();
        String recentlyActivePhone = TestLeads.newPhone();
        String busy = TestLeads.newLeadId();
        String engaged = TestLeads.newLeadId();
        String engagedPhone = TestLeads.newPhone();
        newConsentedLead();
        putLead(closed, TestLeads.leadJson(TestLeads.newPhone(), true).replace("\"New\"", "\"Lost\""));
        putLead(optedOut, TestLeads.leadJson(TestLeads.newPhone(), true));
        putLead(recentlyActive, TestLeads.leadJson(recentlyActivePhone, true));
        putLead(busy, TestLeads.leadJson(TestLeads.newPhone(), true));
        putLead(engaged, TestLeads.leadJson(engagedPhone, true));
        List<String> leads = List.of(leadId, closed, optedOut, recentlyActive, busy, engaged);
        leads.forEach(this::runDueJobsOf);
        replyAs(engaged, engagedPhone, "oi");
        for (Duration wait : FOLLOW_UP_WAITS) {
            Engine.setNow(Engine.now().plus(wait));
            leads.forEach(this::runDueJobsOf);
        }
        assertThat(List.of(leadId, closed, optedOut, recentlyActive, busy)).allMatch(lead -> candidateSince(lead) != null);
        assertThat(candidateSince(engaged)).isNull();
        crmEvent(busy, """
                "type":"MEETING_BOOKED","meeting":{"id":"mtg-%s","startsAt":"%s"}""".formatted(busy,
                Engine.now().plus(Duration.ofDays(90))));
        Engine.setNow(Engine.now().plus(Duration.ofDays(1)));
        crmEvent(optedOut, "\"type\":\"OPTED_OUT\"");
        Engine.setNow(Engine.now().plus(Duration.ofDays(20)));
        replyAs(recentlyActive, recentlyActivePhone, "ainda estou pensando");

        Engine.setNow(Engine.now().plus(Duration.ofDays(11)));
        Instant dispatchedAt = Engine.now();
        dispatcherRuns();

        assertThat(leads).filteredOn(lead -> rewarmingOf(lead) != null).containsExactly(leadId);
        Instant slot = ((Date) runtime.getVariable(rewarmingOf(leadId).getId(), FlowVariables.REWARMING_START_AT))
                .toInstant();
        assertThat(slot).isBetween(dispatchedAt, dispatchedAt.plus(Duration.ofHours(4)));
        assertThat(runtime.getVariable(rewarmingOf(leadId).getId(), FlowVariables.REWARMING_ROUND))
                .isEqualTo(dispatchedAt.toString().substring(0, 10));
    }

    @Test
    void withoutReplyTwoReactivationsThenTheLeadIsACandidateAgainForALaterRound() {
        ProcessInstance rewarming = rewarmingOfAStalledLead();
        assertThat(sent()).endsWith(FIRST);

        timePasses(Duration.ofDays(4));
        assertThat(sent()).endsWith(FIRST, SECOND);
        timePasses(Duration.ofDays(7));

        assertThat(rewarming).isEnded().hasPassed(RewarmingFlow.END_ATTEMPTS_USED_UP);
        assertThat(rewarmingCandidateSince()).isEqualTo(Engine.now());

        Engine.setNow(Engine.now().plus(INACTIVE).plus(Duration.ofDays(1)));
        dispatcherRuns();
        ProcessInstance nextRound = flowOf(RewarmingFlow.PROCESS_KEY);
        assertThat(nextRound).isNotNull();
        at((Date) runtime.getVariable(nextRound.getId(), FlowVariables.REWARMING_START_AT));
        assertThat(sent()).endsWith(FIRST, SECOND, FIRST);
    }

    @Test
    void aReplyEndsTheRewarming() {
        ProcessInstance rewarming = rewarmingOfAStalledLead();

        reply("voltei! ainda tem vaga?", () -> ended(rewarming));

        assertThat(rewarming).hasPassed(RewarmingFlow.END_REENGAGED);
        timePasses(Duration.ofDays(10));
        assertThat(sent()).endsWith("leadflow_followup_3", FIRST);
    }

    @Test
    void aReplyBeforeTheSlotEndsItBeforeAnythingIsSent() {
        stalledCandidate();
        dispatcherRuns();
        ProcessInstance rewarming = flowOf(RewarmingFlow.PROCESS_KEY);
        Engine.setNow(Engine.now().minusSeconds(1));

        reply("oi", () -> ended(rewarming));

        assertThat(rewarming).hasPassed(RewarmingFlow.END_REENGAGED).hasNotPassed("SendReactivation1");
    }

    @Test
    void aMeetingBookedEndsTheRewarming() {
        ProcessInstance rewarming = rewarmingOfAStalledLead();

        meetingEvent("MEETING_BOOKED", "mtg-" + leadId, Engine.now().plus(Duration.ofDays(2)));

        assertThat(rewarming).isEnded().hasPassed(RewarmingFlow.END_MEETING_BOOKED);
    }

    @Test
    void aClosedLeadEndsTheRewarming() {
        ProcessInstance rewarming = rewarmingOfAStalledLead();

        event("STATUS_CHANGED", "\"status\":\"won\"");

        assertThat(rewarming).isEnded().hasPassed(RewarmingFlow.END_LEAD_CLOSED);
    }

    @Test
    void optingOutEndsTheRewarming() {
        ProcessInstance rewarming = rewarmingOfAStalledLead();

        event("OPTED_OUT", "");

        assertThat(rewarming).isEnded().hasPassed(RewarmingFlow.END_OPTED_OUT);
        timePasses(Duration.ofDays(5));
        assertThat(sent()).endsWith(FIRST);
    }

    @Test
    void aReactivationThatCannotBeSentGoesToOpsWhoSkipIt() {
        stalledCandidate();
        dispatcherRuns();
        ProcessInstance rewarming = flowOf(RewarmingFlow.PROCESS_KEY);
        cloudApi.failNextSends(132001, 1);

        at((Date) runtime.getVariable(rewarming.getId(), FlowVariables.REWARMING_START_AT));

        assertThat(rewarming).isWaitingAt(RewarmingFlow.HANDLE_REACTIVATION_1_FAILURE);
        opsDecide(rewarming, "skip");
        timePasses(Duration.ofDays(4));
        assertThat(sent()).endsWith("leadflow_followup_3", SECOND);
    }

    /** The lead's follow-ups ended without response and it stayed inactive: the dispatcher will take it. */
    private void stalledCandidate() {
        newConsentedLead();
        runDueJobs();
        FOLLOW_UP_WAITS.forEach(wait -> timePasses(wait));
        assertThat(rewarmingCandidateSince()).isNotNull();
        Engine.setNow(Engine.now().plus(INACTIVE).plus(Duration.ofDays(1)));
    }

    private ProcessInstance rewarmingOfAStalledLead() {
        stalledCandidate();
        dispatcherRuns();
        ProcessInstance rewarming = flowOf(RewarmingFlow.PROCESS_KEY);
        assertThat(rewarming).isNotNull().isWaitingAt(RewarmingFlow.WAIT_SLOT);
        at((Date) runtime.getVariable(rewarming.getId(), FlowVariables.REWARMING_START_AT));
        return rewarming;
    }

    private void at(Date moment) {
        at(moment.toInstant());
    }

    /** The dispatcher's timer fires (business days at 09:00 in production). */
    private void dispatcherRuns() {
        Job timer = management.createJobQuery().processDefinitionKey(RewarmingFlow.DISPATCHER_PROCESS_KEY).timers()
                .singleResult();
        management.executeJob(timer.getId());
    }

    private ProcessInstance rewarmingOf(String lead) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(RewarmingFlow.PROCESS_KEY)
                .processInstanceBusinessKey(lead).singleResult();
    }

    private Instant candidateSince(String lead) {
        return jdbc.sql("select rewarming_candidate_at from lead where lead_id = ?").param(lead)
                .query(java.time.OffsetDateTime.class).optional().map(java.time.OffsetDateTime::toInstant).orElse(null);
    }

    private void crmEvent(String lead, String fields) {
        assertThat(api().exchange("/api/leads/" + lead + "/events", HttpMethod.POST, jsonBody("""
                {"eventId":"%s-%s",%s}""".formatted(lead, Engine.now(), fields)), String.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    private void replyAs(String lead, String fromPhone, String text) {
        Instant before = Engine.now();
        api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"%s"}""".formatted(fromPhone, text)), String.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select count(*) from lead where lead_id = ? and last_inbound_at >= ?")
                .params(lead, before.atOffset(java.time.ZoneOffset.UTC)).query(Integer.class).single() == 1);
    }
}
