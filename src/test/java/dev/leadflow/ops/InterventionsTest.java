package dev.leadflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.messaging.MessageLedger;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/** Every intervention over the API, as an operator sees it: the answer, the sends, the timeline, the audit. */
class InterventionsTest extends LeadflowIntegrationTest {

    private static final String JAPAN_CHANNEL = "100000000000081";

    @Autowired
    private MessageLedger ledger;
    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void pausingALeadHoldsAllItsFlowsUntilResumed() {
        welcomed();

        ResponseEntity<String> paused = post("/api/leads/" + leadId + "/pause", "{\"reason\":\"customer called\"}");

        assertThat(paused.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(paused.getBody()).contains("\"action\":\"PAUSE_LEAD\"", "\"operator\":\"demo\"",
                "paused 2 flow(s)", "customer called");
        assertThat(engine.instancesOf(leadId)).allMatch(ProcessInstance::isSuspended);
        engine.timePasses(leadId, Duration.ofDays(2));
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        assertThat(post("/api/leads/" + leadId + "/pause", null).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        assertThat(post("/api/leads/" + leadId + "/resume", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        engine.runDueJobs(leadId);

        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome", "leadflow_followup_1");
        assertThat(operationsBy("demo")).contains("Suspend", "Activate");
        assertThat(timeline()).contains("demo: paused the flows of lead " + leadId
                + " (reason: customer called): paused 2 flow(s)", "demo: resumed the flows of lead",
                "demo paused the flow");
        assertThat(post("/api/leads/" + leadId + "/resume", null).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void sendNowRunsTheWaitingTimerAtOnceUnderTheUsualRules() {
        String followUp = welcomed();

        ResponseEntity<String> answer = post(flowPath(followUp, "send-now"), "{\"reason\":\"lead asked for it\"}");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("made WaitOneDay due now");
        engine.runDueJobs(leadId);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome", "leadflow_followup_1");
        assertThat(operationsBy("demo")).contains("SetDueDate");
        assertThat(timeline()).contains("demo: ran the waiting step now of flow " + followUp);
    }

    @Test
    void skipMovesTheFlowPastTheStepItWaitsAt() {
        String followUp = welcomed();

        ResponseEntity<String> answer = post(flowPath(followUp, "skip"), "{\"reason\":\"no need to wait\"}");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("skipped \\\"1 day without reply\\\" (WaitOneDay)");
        assertThat(activeActivities(followUp)).containsExactly("SendFollowUp1");
        assertThat(operationsBy("demo")).contains("ModifyProcessInstance");
        assertThat(post(flowPath(followUp, "skip"), "{\"step\":\"WaitThreeDays\"}").getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void cancelEndsTheFlowWithTheOperatorAndReason() {
        String followUp = welcomed();

        ResponseEntity<String> answer = post(flowPath(followUp, "cancel"), "{\"reason\":\"duplicate lead\"}");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery().processInstanceId(followUp)
                .singleResult();
        assertThat(ended.getDeleteReason()).isEqualTo("cancelled by operator demo: duplicate lead");
        assertThat(timeline()).contains("cancelled: cancelled by operator demo: duplicate lead",
                "demo cancelled the flow");
        assertThat(post(flowPath(followUp, "cancel"), null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aFailedMessageIsSentAgainAsARecordedOverride() {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);
        MessageAttempt failed = ledger.findByKey(leadId + ":welcome:welcome").orElseThrow();
        assertThat(cloudApi.requests(phone)).isEqualTo(1);

        ResponseEntity<String> answer = post("/api/messages/" + failed.id() + "/resend",
                "{\"reason\":\"template fixed in WhatsApp Manager\"}");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("SENT", leadId + ":welcome:welcome:resend-1");
        assertThat(cloudApi.received(phone)).hasSize(1);
        MessageAttempt resent = ledger.findByKey(leadId + ":welcome:welcome:resend-1").orElseThrow();
        assertThat(resent.status().accepted()).isTrue();
        assertThat(jdbc("select override_by from message_attempt where id = " + resent.id())).isEqualTo("demo");
        assertThat(timeline()).contains("demo: re-sent (operator override) failed message " + failed.id());
        assertThat(post("/api/messages/" + resent.id() + "/resend", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(post("/api/messages/999999999/resend", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aPausedChannelHoldsItsSendsUntilResumedAndDropsNone() {
        String japanese = TestLeads.newJapanesePhone();
        ResponseEntity<String> paused = post("/api/channels/" + JAPAN_CHANNEL + "/pause",
                "{\"reason\":\"Meta disabled the number\"}");
        try {
            assertThat(paused.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(post("/api/channels/" + JAPAN_CHANNEL + "/pause", null).getStatusCode())
                    .isEqualTo(HttpStatus.CONFLICT);
            putLead(leadId, TestLeads.leadJsonIn(japanese, "America/Sao_Paulo"));
            engine.runDueJobs(leadId);
            engine.timePasses(leadId, Duration.ofMinutes(5));
            assertThat(cloudApi.requests(japanese)).isZero();
            assertThat(engine.jobsOf(leadId)).hasSize(1);
            assertThat(timeline()).contains("held until an operator resumes it");
        } finally {
            assertThat(post("/api/channels/" + JAPAN_CHANNEL + "/resume", null).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        }
        engine.timePasses(leadId, Duration.ofMinutes(1));

        assertThat(cloudApi.received(japanese)).extracting(m -> m.phoneNumberId()).containsExactly(JAPAN_CHANNEL);
        assertThat(post("/api/channels/" + JAPAN_CHANNEL + "/resume", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(post("/api/channels/999/pause", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aTemplateIsPausedAndResumedByName() {
        assertThat(post("/api/templates/leadflow_test_paused/pause", "{\"reason\":\"disabled by Meta\"}")
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("/api/templates/leadflow_test_paused/pause", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<String> resumed = post("/api/templates/leadflow_test_paused/resume", null);
        assertThat(resumed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(resumed.getBody()).contains("paused by demo: disabled by Meta");
        assertThat(post("/api/templates/no_such_template/pause", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void badOrUnknownRequestsChangeNothing() {
        String followUp = welcomed();

        ResponseEntity<String> tooLong = post("/api/leads/" + leadId + "/pause",
                "{\"reason\":\"" + "x".repeat(1001) + "\"}");
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(tooLong.getBody()).contains("\"field\":\"reason\"");
        assertThat(post("/api/leads/" + TestLeads.newLeadId() + "/pause", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        String otherLead = TestLeads.newLeadId();
        putLead(otherLead, TestLeads.leadJson(TestLeads.newPhone(), true));
        assertThat(post("/api/leads/" + otherLead + "/flows/" + followUp + "/cancel", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.exchange("/api/leads/" + leadId + "/pause", HttpMethod.POST, jsonBody("{}"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(engine.instancesOf(leadId)).noneMatch(ProcessInstance::isSuspended);
        assertThat(operationsBy("demo")).isEmpty();
    }

    @Test
    void anErasureRemovesTheLeadsInterventions() {
        welcomed();
        assertThat(post("/api/leads/" + leadId + "/pause", "{\"reason\":\"asked to be forgotten\"}").getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<String> erased = api().exchange("/api/leads/" + leadId, HttpMethod.DELETE, null, String.class);

        assertThat(erased.getBody()).contains("\"operatorActions\":1");
        assertThat(jdbc("select count(*) from ops_action where lead_id = '" + leadId + "'")).isEqualTo(0L);
    }

    /** A new lead whose welcome went out: answers its follow-up flow, waiting a day for a reply. */
    private String welcomed() {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        engine.runDueJobs(leadId);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        return runtime.createProcessInstanceQuery().processDefinitionKey("followUp").processInstanceBusinessKey(leadId)
                .singleResult().getId();
    }

    private String flowPath(String instanceId, String action) {
        return "/api/leads/" + leadId + "/flows/" + instanceId + "/" + action;
    }

    private ResponseEntity<String> post(String path, String json) {
        return api().exchange(path, HttpMethod.POST, jsonBody(json == null ? "" : json), String.class);
    }

    private String timeline() {
        return api().getForObject("/api/leads/" + leadId + "/timeline", String.class);
    }

    private List<String> activeActivities(String instanceId) {
        return runtime.getActiveActivityIds(instanceId);
    }

    /** The user operation log entries of the lead's flows by this user. */
    private List<String> operationsBy(String user) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(leadId).list().stream()
                .flatMap(instance -> history.createUserOperationLogQuery().processInstanceId(instance.getId())
                        .userId(user).list().stream())
                .map(entry -> entry.getOperationType())
                .distinct().toList();
    }

    private Object jdbc(String sql) {
        return jdbcTemplate.queryForObject(sql, Object.class);
    }
}
