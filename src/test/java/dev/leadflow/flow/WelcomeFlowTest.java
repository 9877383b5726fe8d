package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/** Every path of processes/welcome.bpmn, started through the CRM API, asserted at the Cloud API fake. */
class WelcomeFlowTest extends LeadflowIntegrationTest {

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void aReplyAfterTheWelcomeEndsTheFlowWithoutFollowUp() {
        ProcessInstance welcome = newConsentedLead();
        engine.runDueJobs(leadId);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);

        reply("Oi! Quero saber mais");

        assertThat(welcome).isEnded().hasPassed(WelcomeFlow.END_REPLIED);
        engine.timePasses(leadId, Duration.ofDays(10));
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
    }

    @Test
    void noReplyForADaySendsTheFollowUpThenEndsAfterTwoMoreDays() {
        ProcessInstance welcome = newConsentedLead();
        engine.runDueJobs(leadId);

        engine.timePasses(leadId, Duration.ofHours(23));
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");

        engine.timePasses(leadId, Duration.ofHours(1));
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome", "leadflow_followup_1");

        engine.timePasses(leadId, Duration.ofDays(2));
        assertThat(welcome).isEnded().hasPassed(WelcomeFlow.END_NO_REPLY);
        assertThat(cloudApi.templatesSentTo(phone)).hasSize(2);
    }

    @Test
    void aReplyAfterTheFollowUpEndsTheFlowEngaged() {
        ProcessInstance welcome = newConsentedLead();
        engine.runDueJobs(leadId);
        engine.timePasses(leadId, Duration.ofDays(1));

        reply("sim");

        assertThat(welcome).isEnded().hasPassed("EndLeadRepliedAfterFollowUp");
    }

    @Test
    void aLeadWithoutConsentGetsNoFlowAndNoMessage() {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, false)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        assertThat(engine.instancesOf(leadId)).isEmpty();
        assertThat(cloudApi.received(phone)).isEmpty();
    }

    @Test
    void consentGivenLaterStartsTheWelcomeThen() {
        putLead(leadId, TestLeads.leadJson(phone, false));
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.OK);
        engine.runDueJobs(leadId);

        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
    }

    @Test
    void optingOutEndsTheFlowAndNothingMoreIsSent() {
        ProcessInstance welcome = newConsentedLead();
        engine.runDueJobs(leadId);

        assertThat(postEvent(leadId, """
                {"eventId":"%s-optout","type":"OPTED_OUT","occurredAt":"2026-03-04T15:05:00Z"}"""
                .formatted(leadId)).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        assertThat(welcome).isEnded().hasPassed(WelcomeFlow.END_OPTED_OUT);
        engine.timePasses(leadId, Duration.ofDays(5));
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
    }

    @Test
    void aPermanentRefusalBecomesAnOpsTaskNotARetryLoop() {
        ProcessInstance welcome = newConsentedLead();
        cloudApi.failNextSends(132001, 1);

        engine.runDueJobs(leadId);

        assertThat(welcome).isWaitingAt("HandleWelcomeFailure");
        assertThat(engine.jobsOf(leadId)).isEmpty();
        assertThat(cloudApi.received(phone)).isEmpty();
        assertThat(runtime.getVariable(welcome.getId(), "sendFailure").toString()).contains("132001");
    }

    @Test
    void aRetryableRefusalIsRetriedByTheJobAndSentOnce() {
        ProcessInstance welcome = newConsentedLead();
        cloudApi.failNextSends(131000, 1);

        engine.runDueJobs(leadId);
        assertThat(cloudApi.received(phone)).isEmpty();
        assertThat(welcome).isWaitingAt(WelcomeFlow.SEND_WELCOME);

        engine.timePasses(leadId, Duration.ofMinutes(1));

        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
    }

    @Test
    void theFlowHistoryNamesTheEndReached() {
        newConsentedLead();
        engine.runDueJobs(leadId);
        reply("ok");

        HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(leadId).singleResult();
        assertThat(ended.getEndActivityId()).isEqualTo(WelcomeFlow.END_REPLIED);
    }

    private ProcessInstance newConsentedLead() {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ProcessInstance welcome = runtime.createProcessInstanceQuery()
                .processDefinitionKey(WelcomeFlow.PROCESS_KEY).processInstanceBusinessKey(leadId).singleResult();
        assertThat(welcome).isNotNull();
        return welcome;
    }

    /** The lead answers in WhatsApp: the sandbox posts a signed webhook, as Meta would. */
    private void reply(String text) {
        api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"%s"}""".formatted(phone, text)), String.class);
        // an instance may end between listing it and reading its activities: ask again
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(leadId).list().stream()
                .noneMatch(instance -> runtime.getActiveActivityIds(instance.getId())
                        .contains(WelcomeFlow.WAIT_FOR_REPLY) || runtime.getActiveActivityIds(instance.getId())
                        .contains("WaitAfterFollowUp")));
    }
}
