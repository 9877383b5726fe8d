package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A new version of a flow and a lead waiting in the old one: the dry run says where the lead would wait and
 * what it would be sent next, changing nothing; the migration moves it, its timeline says so, and the new
 * version's step is the one that sends. Cockpit's migration view still gets its plan from the engine.
 */
class FlowMigrationTest extends FlowScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String flow = "migrationProbe" + Math.abs(leadId.hashCode());

    @Autowired
    private RepositoryService repository;

    @Test
    void aDryRunListsTheLeadThenTheMigrationMovesItAndTheNewVersionSends() throws Exception {
        consentedLeadWithoutWelcome();
        deploy("next-v1");
        ProcessInstance waiting = runtime.startProcessInstanceByKey(flow, leadId,
                Map.of(FlowVariables.LEAD_ID, leadId));
        deploy("next-v2");

        JsonNode dryRun = post("/api/flows/" + flow + "/migrations");

        assertThat(dryRun.path("targetVersion").asInt()).isEqualTo(2);
        JsonNode lead = dryRun.path("leads").get(0);
        assertThat(lead.path("leadId").asText()).isEqualTo(leadId);
        assertThat(lead.path("fromVersion").asInt()).isEqualTo(1);
        assertThat(lead.path("waitsNow").toString()).isEqualTo("[\"A day to wait\"]");
        assertThat(lead.path("waitsAfter").toString()).isEqualTo("[\"A day to wait\"]");
        assertThat(lead.path("nextSend").asText()).isEqualTo("test.utility (next-v2)");
        assertThat(lead.path("migrated").asBoolean()).isFalse();
        assertThat(version(waiting)).isEqualTo(1);

        assertThat(cockpitsMigrationPlan()).contains("\"sourceActivityIds\":[\"Wait\"]");

        JsonNode migration = post("/api/flows/" + flow + "/migrations?dryRun=false");

        assertThat(migration.path("leads").get(0).path("migrated").asBoolean()).isTrue();
        assertThat(version(waiting)).isEqualTo(2);
        assertThat(api().getForEntity("/api/leads/" + leadId + "/timeline", String.class).getBody())
                .contains("demo: moved to the latest version of flow " + flow + " (version 1 to 2)")
                .contains("next message test.utility (next-v2)");
        timePasses(Duration.ofDays(2));
        assertThat(sent()).containsExactly("leadflow_test_utility");
        assertThat(jdbc.sql("select step from message_attempt where lead_id = ?").param(leadId).query(String.class)
                .list()).containsExactly("next-v2");
    }

    @Test
    void anUnknownFlowIsNotFound() {
        ResponseEntity<String> answer = api().postForEntity("/api/flows/noSuchFlow/migrations", null, String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getBody()).contains("No flow 'noSuchFlow' is deployed");
    }

    private void deploy(String step) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(flow).camundaHistoryTimeToLive(1)
                .startEvent("Start")
                .intermediateCatchEvent("Wait").name("A day to wait").timerWithDuration("P1D")
                .serviceTask("SendNext").name("Send the next message").camundaAsyncBefore()
                .camundaDelegateExpression("${sendMessage}")
                .camundaInputParameter(FlowVariables.TEMPLATE_KEY, "test.utility")
                .camundaInputParameter(FlowVariables.STEP, step)
                .endEvent("End")
                .done();
        repository.createDeployment().name(flow).addModelInstance(flow + ".bpmn", model).deploy();
    }

    /** What Cockpit's migration view asks the engine's REST API for: the generated plan between the versions. */
    private String cockpitsMigrationPlan() {
        String source = repository.createProcessDefinitionQuery().processDefinitionKey(flow).processDefinitionVersion(1)
                .singleResult().getId();
        String target = repository.createProcessDefinitionQuery().processDefinitionKey(flow).processDefinitionVersion(2)
                .singleResult().getId();
        ResponseEntity<String> plan = api().postForEntity("/engine-rest/migration/generate", jsonBody("""
                {"sourceProcessDefinitionId": "%s", "targetProcessDefinitionId": "%s", "updateEventTriggers": true}
                """.formatted(source, target)), String.class);
        assertThat(plan.getStatusCode()).isEqualTo(HttpStatus.OK);
        return plan.getBody();
    }

    private int version(ProcessInstance instance) {
        String definitionId = runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getProcessDefinitionId();
        return repository.getProcessDefinition(definitionId).getVersion();
    }

    private JsonNode post(String path) throws Exception {
        ResponseEntity<String> answer = api().postForEntity(path, null, String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(answer.getBody());
    }
}
