package dev.leadflow.ops.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/** The Cockpit plugin's data, as the plugin's front end fetches it with the Cockpit user's session. */
class CockpitPluginApiTest extends LeadflowIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLUGIN_API = "/camunda/api/cockpit/plugin/leadflow";

    @LocalServerPort
    private int port;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void listsTheMessagesOfTheInstancesLeadWithStatusesAndErrors() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, true));
        cloudApi.failNextSends(131000, 1);
        engine.runDueJobs(leadId);
        String instanceId = welcomeOf(leadId);

        HttpResponse<String> response = cockpit().get(PLUGIN_API + "/default/process-instance/" + instanceId
                + "/messages");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("leadId").asText()).isEqualTo(leadId);
        JsonNode message = body.path("messages").get(0);
        assertThat(message.path("template").asText()).isEqualTo("leadflow_welcome");
        assertThat(message.path("status").asText()).isEqualTo("REJECTED");
        assertThat(message.path("errorCode").asInt()).isEqualTo(131000);
        assertThat(message.path("ofThisFlow").asBoolean()).isTrue();
        assertThat(message.path("recipient").asText()).doesNotContain(phone).startsWith("+55*****");
    }

    @Test
    void countsTodaysSendsAndFailures() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);

        JsonNode today = JSON.readTree(cockpit().get(PLUGIN_API + "/default/sends/today").body());

        assertThat(today.path("day").asText()).isEqualTo(TEST_START.toString().substring(0, 10));
        assertThat(today.path("timeZone").asText()).isEqualTo("UTC");
        assertThat(today.path("sent").asLong()).isPositive();
        assertThat(today.path("templates").findValuesAsText("template")).contains("leadflow_welcome");
    }

    @Test
    void anUnknownInstanceIsNotFound() throws Exception {
        assertThat(cockpit().get(PLUGIN_API + "/default/process-instance/no-such-instance/messages").statusCode())
                .isEqualTo(404);
    }

    @Test
    void tellsTheLeadsStoryWithItsNameAndStepNames() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, true));
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);

        JsonNode story = JSON.readTree(cockpit().get(PLUGIN_API + "/default/leads/" + leadId + "/timeline").body());

        assertThat(story.path("lead").path("name").asText()).isEqualTo("Ana");
        assertThat(story.path("lead").path("timeZone").asText()).isEqualTo("America/Sao_Paulo");
        assertThat(story.path("lead").path("phone").asText()).doesNotContain(phone).startsWith("+55*****");
        assertThat(story.path("entries").findValuesAsText("flowName")).contains("Welcome");
        assertThat(story.path("entries").findValuesAsText("stepName")).contains("Send welcome");
        assertThat(cockpit().get(PLUGIN_API + "/default/leads/no-such-lead/timeline").statusCode()).isEqualTo(404);

        JsonNode stuck = JSON.readTree(cockpit().get(PLUGIN_API + "/default/stuck-leads").body());
        JsonNode lead = null;
        for (JsonNode candidate : stuck.path("leads")) {
            if (candidate.path("leadId").asText().equals(leadId)) {
                lead = candidate;
            }
        }
        assertThat(lead).isNotNull();
        assertThat(lead.path("name").asText()).isEqualTo("Ana");
        assertThat(lead.path("reasons").get(0).path("flowName").asText()).isEqualTo("Welcome");
    }

    @Test
    void withoutACockpitSessionTheDataIsRefusedButTheScriptIsServed() throws Exception {
        CockpitSession anonymous = new CockpitSession("http://localhost:" + port);

        assertThat(anonymous.get(PLUGIN_API + "/default/sends/today").statusCode()).isEqualTo(401);
        HttpResponse<String> script = anonymous.get(PLUGIN_API + "/static/app/plugin.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("cockpit.processInstance.runtime.tab", "cockpit.dashboard");
    }

    private CockpitSession cockpit() throws Exception {
        return new CockpitSession("http://localhost:" + port).logIn("demo", "demo");
    }

    @Test
    void showsWhatTheLeadSentWithItsKindSummaryAndMediaId() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);
        String instanceId = welcomeOf(leadId);

        api().postForEntity("/sandbox/api/kinds", jsonBody("""
                {"from":"%s","kind":"image","text":"my current setup"}""".formatted(phone)), String.class);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> JSON.readTree(cockpit()
                .get(PLUGIN_API + "/default/process-instance/" + instanceId + "/messages").body())
                .path("received").size() == 1);
        JsonNode received = JSON.readTree(cockpit().get(PLUGIN_API + "/default/process-instance/" + instanceId
                + "/messages").body()).path("received").get(0);
        assertThat(received.path("kind").asText()).isEqualTo("IMAGE");
        assertThat(received.path("summary").asText()).isEqualTo("image: my current setup");
        assertThat(received.path("mediaId").asText()).isNotBlank();
        assertThat(received.path("countedAsReply").asBoolean()).isTrue();
    }

    private String welcomeOf(String lead) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("welcome").processInstanceBusinessKey(lead)
                .singleResult().getId();
    }
}
