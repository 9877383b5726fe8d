package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.leadflow.messaging.MessageLedger;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * The messaging rules as a flow meets them: deferrals reschedule the send job (no retry used, visible in
 * history), retryable errors use the job's retries, permanent ones become an ops task whose decision the
 * flow follows. Every test counts the requests that reached the Cloud API fake: nothing is sent twice.
 */
class SendRulesFlowTest extends LeadflowIntegrationTest {

    private static final String JAPAN_CHANNEL = "100000000000081";

    @Autowired
    private RecipientDirectory recipients;
    @Autowired
    private MessageLedger ledger;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void aLeadWhereItIsNightGetsItsWelcomeAt0900LocalTime() {
        // 15:00 UTC is midnight in Tokyo
        ProcessInstance welcome = newLead(phone, "Asia/Tokyo");
        int retries = onlyJob().getRetries();

        engine.runDueJobs(leadId);

        assertThat(cloudApi.requests(phone)).isZero();
        Job deferred = onlyJob();
        assertThat(deferred.getDuedate().toInstant()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
        assertThat(deferred.getRetries()).isEqualTo(retries);
        assertThat(runtime.createIncidentQuery().processInstanceId(welcome.getId()).count()).isZero();
        assertThat(timeline()).anySatisfy(entry -> {
            assertThat(entry).containsEntry("kind", "STEP_DEFERRED").containsEntry("step", "Send welcome");
            assertThat((String) entry.get("detail")).startsWith("quiet hours until 09:00 Asia/Tokyo on 2026-03-05");
        });

        engine.timePasses(leadId, Duration.ofHours(8).plusMinutes(59));
        assertThat(cloudApi.requests(phone)).isZero();

        engine.timePasses(leadId, Duration.ofMinutes(1));
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        assertThat(cloudApi.requests(phone)).isEqualTo(1);
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(sendOutcomes(welcome)).containsExactly("SENT: accepted by the Cloud API as template "
                + "leadflow_welcome (pt_BR)");
    }

    @Test
    void thePairRateLimitWaits4PowerNSecondsWithoutUsingRetries() {
        ProcessInstance welcome = newLead(phone, "America/Sao_Paulo");
        int retries = onlyJob().getRetries();
        cloudApi.failNextSends(131056, 2);

        engine.runDueJobs(leadId);
        assertThat(onlyJob().getDuedate().toInstant()).isEqualTo(now().plusSeconds(1));

        engine.timePasses(leadId, Duration.ofSeconds(1));
        assertThat(onlyJob().getDuedate().toInstant()).isEqualTo(now().plusSeconds(4));
        assertThat(onlyJob().getRetries()).isEqualTo(retries);
        assertThat(cloudApi.requests(phone)).isEqualTo(2);
        assertThat(cloudApi.received(phone)).isEmpty();

        engine.timePasses(leadId, Duration.ofSeconds(4));
        assertThat(cloudApi.requests(phone)).isEqualTo(3);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(timeline()).filteredOn(entry -> "STEP_DEFERRED".equals(entry.get("kind")))
                .extracting(entry -> (String) entry.get("detail"))
                .hasSize(2)
                .allSatisfy(detail -> assertThat(detail).startsWith("pair rate limit (131056)"));
    }

    @Test
    void aThroughputLimitIsRetriedByTheJobWithItsGrowingIntervals() {
        ProcessInstance welcome = newLead(phone, "America/Sao_Paulo");
        cloudApi.failNextSends(130429, 2);

        engine.runDueJobs(leadId);
        engine.timePasses(leadId, Duration.ofMinutes(1));
        assertThat(cloudApi.requests(phone)).isEqualTo(2);
        assertThat(onlyJob().getDuedate().toInstant()).isEqualTo(now().plus(Duration.ofMinutes(5)));

        engine.timePasses(leadId, Duration.ofMinutes(5));
        assertThat(cloudApi.requests(phone)).isEqualTo(3);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(timeline()).filteredOn(entry -> "RETRY".equals(entry.get("kind"))).hasSize(2);
    }

    @Test
    void anUndeliverableNumberGoesToOpsAndLaterSendsAreSkipped() {
        ProcessInstance welcome = newLead(phone, "America/Sao_Paulo");
        cloudApi.failNextSends(131026, 1);

        engine.runDueJobs(leadId);

        assertThat(welcome).isWaitingAt(WelcomeFlow.HANDLE_WELCOME_FAILURE);
        assertThat(recipients.find(leadId).orElseThrow().undeliverable()).isTrue();
        decide(welcome, SendFailureDecision.SKIP);
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);

        ProcessInstance followUp = runtime.createProcessInstanceQuery().processDefinitionKey(FollowUpFlow.PROCESS_KEY)
                .processInstanceBusinessKey(leadId).singleResult();
        engine.timePasses(leadId, Duration.ofDays(1));

        assertThat(followUp).isWaitingAt("WaitThreeDays");
        assertThat(cloudApi.requests(phone)).isEqualTo(1);
        assertThat(cloudApi.received(phone)).isEmpty();
        assertThat(sendOutcomes(followUp)).anySatisfy(outcome ->
                assertThat(outcome).startsWith("SKIPPED: the lead's number cannot receive WhatsApp messages"));
        assertThat(timeline()).anySatisfy(entry -> assertThat(entry).containsEntry("kind", "STEP_SKIPPED")
                .containsEntry("step", "Send follow-up 1"));
    }

    @Test
    void anOperatorsRetryAfterAConfigurationErrorSendsItOnce() {
        ProcessInstance welcome = newLead(phone, "America/Sao_Paulo");
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);
        assertThat(welcome).isWaitingAt(WelcomeFlow.HANDLE_WELCOME_FAILURE);

        decide(welcome, SendFailureDecision.RETRY);
        engine.runDueJobs(leadId);

        assertThat(cloudApi.requests(phone)).isEqualTo(2);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(runtime.getVariable(welcome.getId(), FlowVariables.SEND_FAILURE_DECISION)).isNull();
    }

    @Test
    void anOperatorMarkingTheNumberInvalidEndsTheFlowAndStopsEverySend() {
        ProcessInstance welcome = newLead(phone, "America/Sao_Paulo");
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);

        decide(welcome, SendFailureDecision.NUMBER_INVALID);

        assertThat(welcome).isEnded().hasPassed(WelcomeFlow.END_WELCOME_NUMBER_INVALID);
        assertThat(recipients.find(leadId).orElseThrow().undeliverable()).isTrue();
        assertThat(cloudApi.requests(phone)).isEqualTo(1);
    }

    @Test
    void refusedCredentialsPauseTheChannelUntilAProbeGetsThrough() {
        String japanese = TestLeads.newJapanesePhone();
        String otherLead = TestLeads.newLeadId();
        String otherPhone = TestLeads.newJapanesePhone();
        ProcessInstance welcome = newLead(japanese, "America/Sao_Paulo");
        assertThat(putLead(otherLead, TestLeads.leadJsonIn(otherPhone, "America/Sao_Paulo")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        cloudApi.failNextSends(190, 1);

        engine.runDueJobs(leadId);

        assertThat(cloudApi.requests(japanese)).isEqualTo(1);
        assertThat(onlyJob().getDuedate().toInstant()).isEqualTo(now().plus(Duration.ofMinutes(10)));
        assertThat(channelHealth().getBody()).contains("\"status\":\"DOWN\"").contains("190");

        engine.runDueJobs(otherLead);
        assertThat(cloudApi.requests(otherPhone)).as("a paused channel sends nothing").isZero();

        engine.timePasses(leadId, Duration.ofMinutes(10));
        engine.runDueJobs(otherLead);

        assertThat(cloudApi.requests(japanese)).isEqualTo(2);
        assertThat(cloudApi.received(japanese)).extracting(m -> m.phoneNumberId()).containsExactly(JAPAN_CHANNEL);
        assertThat(cloudApi.requests(otherPhone)).isEqualTo(1);
        assertThat(cloudApi.received(otherPhone)).hasSize(1);
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(channelHealth().getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    void aTimeoutAfterAcceptanceIsReconciledByItsStatusNotSentAgain() {
        ProcessInstance welcome = newLead(phone, "America/Sao_Paulo");
        cloudApi.timeOutNextSend();

        engine.runDueJobs(leadId);

        assertThat(onlyJob().getDuedate().toInstant()).isEqualTo(now().plus(Duration.ofMinutes(10)));
        String key = leadId + ":welcome:welcome";
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.findByKey(key).orElseThrow().status().accepted());

        engine.timePasses(leadId, Duration.ofMinutes(10));

        assertThat(cloudApi.requests(phone)).isEqualTo(1);
        assertThat(cloudApi.received(phone)).hasSize(1);
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(sendOutcomes(welcome)).containsExactly("ALREADY_SENT: nothing sent: this step's message was already"
                + " sent as " + key);
    }

    @Test
    void aMarketingSendWithoutAnyStatusIsHandedToOpsNotResent() {
        ProcessInstance welcome = newLead(phone, "America/Sao_Paulo");
        cloudApi.timeOutNextSendWithoutStatus();
        engine.runDueJobs(leadId);

        engine.timePasses(leadId, Duration.ofMinutes(9));
        assertThat(welcome).isWaitingAt(WelcomeFlow.SEND_WELCOME);
        engine.timePasses(leadId, Duration.ofMinutes(1));

        assertThat(welcome).isWaitingAt(WelcomeFlow.HANDLE_WELCOME_FAILURE);
        assertThat(runtime.getVariable(welcome.getId(), FlowVariables.SEND_FAILURE).toString())
                .contains("policy for marketing: hand to ops");
        decide(welcome, SendFailureDecision.SKIP);
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(cloudApi.requests(phone)).isEqualTo(1);
    }

    @Test
    void anOptOutWordEndsTheFlowsAndWithdrawsConsent() {
        ProcessInstance welcome = newLead(phone, "America/Sao_Paulo");
        engine.runDueJobs(leadId);

        api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"Parar!"}""".formatted(phone)), String.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.createProcessInstanceQuery()
                .processInstanceId(welcome.getId()).count() == 0);

        assertThat(welcome).isEnded().hasPassed(WelcomeFlow.END_OPTED_OUT);
        assertThat(recipients.find(leadId).orElseThrow().consented()).isFalse();
        engine.timePasses(leadId, Duration.ofDays(3));
        assertThat(cloudApi.requests(phone)).isEqualTo(1);
    }

    private ProcessInstance newLead(String leadPhone, String timezone) {
        assertThat(putLead(leadId, TestLeads.leadJsonIn(leadPhone, timezone)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return runtime.createProcessInstanceQuery().processDefinitionKey(WelcomeFlow.PROCESS_KEY)
                .processInstanceBusinessKey(leadId).singleResult();
    }

    private Job onlyJob() {
        List<Job> jobs = engine.jobsOf(leadId);
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    private static Instant now() {
        return dev.leadflow.support.Engine.now();
    }

    private void decide(ProcessInstance instance, String decision) {
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        tasks.complete(task.getId(), Map.of(FlowVariables.SEND_FAILURE_DECISION, decision,
                FlowVariables.OPS_NOTE, "checked in the CRM"));
    }

    private List<String> sendOutcomes(ProcessInstance instance) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(FlowVariables.SEND_OUTCOME).list().stream()
                .map(HistoricVariableInstance::getValue).map(String::valueOf).toList();
    }

    private List<Map<String, Object>> timeline() {
        return api().exchange("/api/leads/" + leadId + "/timeline", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
    }

    private ResponseEntity<String> channelHealth() {
        return api().getForEntity("/actuator/health/channels/" + JAPAN_CHANNEL, String.class);
    }
}
