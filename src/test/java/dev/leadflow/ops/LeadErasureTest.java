package dev.leadflow.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/** DELETE /api/leads/{id}: erasure on request, itself audited, harmless when repeated. */
class LeadErasureTest extends LeadflowIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private IdentityService identity;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void erasesHistoryLedgerRepliesEventsAndTheLeadAfterCancellingItsFlows() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);
        String instanceId = welcomeOf(leadId);
        operatorTouches(instanceId);
        assertThat(history.createUserOperationLogQuery().processInstanceId(instanceId).count()).isPositive();
        postEvent(leadId, """
                {"eventId":"%s-status","type":"STATUS_CHANGED","status":"Qualified"}""".formatted(leadId));
        replyAndWaitForIt("Meu email é ana@example.com");
        String secondFlow = runtime.startProcessInstanceByKey("welcome", leadId).getId();

        ResponseEntity<String> erased = erase(leadId);

        assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode report = JSON.readTree(erased.getBody());
        assertThat(report.path("flowsCancelled").asInt()).isEqualTo(1);
        assertThat(report.path("flowHistoriesDeleted").asInt()).as("welcome, its follow-up, a second welcome")
                .isEqualTo(3);
        assertThat(report.path("records").path("leads").asInt()).isEqualTo(1);
        assertThat(report.path("records").path("messageAttempts").asInt()).isEqualTo(1);
        assertThat(report.path("records").path("statusEvents").asInt()).isPositive();
        assertThat(report.path("records").path("inboundMessages").asInt()).isEqualTo(1);
        assertThat(report.path("records").path("crmEvents").asInt()).isEqualTo(1);
        assertThat(report.path("records").path("webhookDeliveries").asInt()).isPositive();

        assertThat(engine.instancesOf(leadId)).isEmpty();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(leadId).count()).isZero();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(instanceId, secondFlow).count())
                .isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(history.createUserOperationLogQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(count("select count(*) from message_attempt where lead_id = ?", leadId)).isZero();
        assertThat(count("select count(*) from inbound_message where lead_id = ? or from_wa_id = ?", leadId,
                phone.substring(1))).isZero();
        assertThat(count("select count(*) from crm_event where lead_id = ?", leadId)).isZero();
        assertThat(count("select count(*) from webhook_delivery where outcome is not null and body like ?",
                "%\"" + phone.substring(1) + "\"%")).isZero();
        assertThat(api().getForEntity("/api/leads/" + leadId, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api().getForEntity("/api/leads/" + leadId + "/timeline", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theErasureIsAuditedWithoutTheLeadIdAndARepeatRemovesNothingMore() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, false));

        erase(leadId);
        ResponseEntity<String> again = erase(leadId);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode report = JSON.readTree(again.getBody());
        assertThat(report.path("flowHistoriesDeleted").asInt()).isZero();
        report.path("records").forEach(removed -> assertThat(removed.asInt()).isZero());
        assertThat(jdbc.sql("select requested_by from erasure_log where lead_hash = ?")
                .param(LeadErasure.hash(leadId)).query(String.class).list()).containsExactly("demo", "demo");
        assertThat(count("select count(*) from erasure_log where summary like ?", "%" + leadId + "%")).isZero();
    }

    @Test
    void erasureNeedsCredentialsAndAValidLeadId() {
        assertThat(http.exchange("/api/leads/" + leadId, HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(erase("not a lead id!").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private ResponseEntity<String> erase(String id) {
        return api().exchange("/api/leads/" + id, HttpMethod.DELETE, null, String.class);
    }

    private void replyAndWaitForIt(String text) {
        api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"%s"}""".formatted(phone, text)), String.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.instancesOf(leadId).isEmpty()
                && count("select count(*) from inbound_message where lead_id = ?", leadId) == 1);
    }

    /** An operator's change in Cockpit writes a user operation log entry of the instance. */
    private void operatorTouches(String instanceId) {
        // an operator in Cockpit: the ops group's authorizations apply
        identity.setAuthentication("maria.ops", java.util.List.of("ops"));
        try {
            runtime.setVariable(instanceId, "opsNote", "called the lead");
        } finally {
            identity.clearAuthentication();
        }
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private String welcomeOf(String lead) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("welcome").processInstanceBusinessKey(lead)
                .singleResult().getId();
    }
}
