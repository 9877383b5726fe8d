package dev.leadflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.flow.FlowVariables;
import dev.leadflow.flow.WelcomeFlow;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/** GET /api/leads/{id}/flows and GET /api/meetings/{id}/flows: where each flow stands, and why. */
class FlowProgressApiTest extends LeadflowIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE = "test-progress-probe";

    @Autowired
    private RepositoryService repository;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();
    private Deployment probeDeployment;

    @AfterEach
    void removeProbe() {
        if (probeDeployment != null) {
            repository.deleteDeployment(probeDeployment.getId(), true);
        }
    }

    @Test
    void aQueuedSendIsRunning() throws Exception {
        newConsentedLead();

        JsonNode welcome = single(flowsOfLead());

        assertThat(welcome.path("flow").asText()).isEqualTo(WelcomeFlow.PROCESS_KEY);
        assertThat(welcome.path("flowName").asText()).isEqualTo("Welcome");
        assertThat(welcome.path("state").asText()).isEqualTo("RUNNING");
        JsonNode step = single(welcome.path("steps"));
        assertThat(step.path("stepId").asText()).isEqualTo(WelcomeFlow.SEND_WELCOME);
        assertThat(step.path("step").asText()).isEqualTo("Send welcome");
        assertThat(step.path("status").asText()).isEqualTo("QUEUED");
    }

    @Test
    void aWaitingFlowSaysAtWhichStepUntilWhenAndForWhat() throws Exception {
        newConsentedLead();
        engine.runDueJobs(leadId);

        JsonNode welcome = single(flowsOfLead());

        assertThat(welcome.path("state").asText()).isEqualTo("WAITING");
        assertThat(welcome.path("leadId").asText()).isEqualTo(leadId);
        assertThat(welcome.path("until").asText()).isEqualTo(TEST_START.plus(Duration.ofDays(1)).toString());
        JsonNode step = single(welcome.path("steps"));
        assertThat(step.path("stepId").asText()).isEqualTo(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(step.path("step").asText()).isEqualTo("Reply within a day?");
        assertThat(step.path("status").asText()).isEqualTo("WAITING");
        assertThat(step.path("waitingFor").toString())
                .contains("{\"type\":\"MESSAGE\",\"name\":\"LeadReplied\",\"stepId\":\"LeadReplied\",\"step\":\"Lead replied\"}")
                .contains("{\"type\":\"TIMER\",\"stepId\":\"OneDayWithoutReply\",\"step\":\"One day without reply\","
                        + "\"until\":\"" + TEST_START.plus(Duration.ofDays(1)) + "\"}");
        assertThat(welcome.path("listensFor").toString()).contains("\"name\":\"LeadOptedOut\"");
    }

    @Test
    void aCompletedFlowNamesItsEndEvent() throws Exception {
        newConsentedLead();
        engine.runDueJobs(leadId);
        reply("Oi!");

        JsonNode welcome = single(flowsOfLead());

        assertThat(welcome.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(welcome.path("end").path("stepId").asText()).isEqualTo(WelcomeFlow.END_REPLIED);
        assertThat(welcome.path("end").path("step").asText()).isEqualTo("Lead engaged");
        assertThat(welcome.path("endedAt").isTextual()).isTrue();
        assertThat(welcome.path("steps")).isEmpty();
    }

    @Test
    void aCancelledFlowGivesTheReason() throws Exception {
        ProcessInstance welcome = newConsentedLead();
        runtime.deleteProcessInstance(welcome.getId(), "duplicate lead in the CRM");

        JsonNode flow = single(flowsOfLead());

        assertThat(flow.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(flow.path("cancelReason").asText()).isEqualTo("duplicate lead in the CRM");
    }

    @Test
    void aFailingSendIsRetryingWithTheErrorThenAnIncident() throws Exception {
        newConsentedLead();
        cloudApi.failNextSends(131000, 1);
        engine.runDueJobs(leadId);

        JsonNode retrying = single(flowsOfLead());
        JsonNode step = single(retrying.path("steps"));
        assertThat(retrying.path("state").asText()).isEqualTo("RUNNING");
        assertThat(step.path("status").asText()).isEqualTo("RETRYING");
        assertThat(step.path("error").asText()).contains("131000");
        assertThat(step.path("until").asText()).isEqualTo(TEST_START.plus(Duration.ofMinutes(1)).toString());

        Job job = engine.jobsOf(leadId).get(0);
        management.setJobRetries(job.getId(), 1);
        cloudApi.failNextSends(131000, 1);
        engine.timePasses(leadId, Duration.ofMinutes(1));

        JsonNode failed = single(flowsOfLead());
        assertThat(failed.path("state").asText()).isEqualTo("INCIDENT");
        assertThat(single(failed.path("steps")).path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("incidents").get(0).asText()).startsWith(WelcomeFlow.SEND_WELCOME + ": ");
    }

    @Test
    void aPermanentFailureWaitsForAPersonInTasklist() throws Exception {
        newConsentedLead();
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);

        JsonNode step = single(single(flowsOfLead()).path("steps"));

        assertThat(step.path("stepId").asText()).isEqualTo("HandleWelcomeFailure");
        assertThat(step.path("waitingFor").get(0).path("type").asText()).isEqualTo("USER_TASK");
    }

    @Test
    void aMeetingsFlowsAreFoundByTheMeetingIdTheyCarry() throws Exception {
        deployProbe();
        String meetingId = "mtg-" + leadId;
        runtime.startProcessInstanceByKey(PROBE, leadId, Map.of(FlowVariables.MEETING_ID, meetingId));

        ResponseEntity<String> response = api().getForEntity("/api/meetings/" + meetingId + "/flows", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode flow = single(JSON.readTree(response.getBody()));
        assertThat(flow.path("flow").asText()).isEqualTo(PROBE);
        assertThat(flow.path("meetingId").asText()).isEqualTo(meetingId);
        assertThat(flow.path("leadId").asText()).isEqualTo(leadId);
        assertThat(flow.path("state").asText()).isEqualTo("WAITING");
        JsonNode step = single(flow.path("steps"));
        assertThat(step.path("stepId").asText()).isEqualTo("WaitForConfirmation");
        assertThat(step.path("waitingFor").toString())
                .contains("\"name\":\"LeadConfirmedMeeting\"")
                .contains("\"until\":\"" + TEST_START.plus(Duration.ofHours(2)) + "\"");
        assertThat(flow.path("until").asText()).isEqualTo(TEST_START.plus(Duration.ofHours(2)).toString());
    }

    @Test
    void aMeetingWithoutFlowsHasAnEmptyList() throws Exception {
        ResponseEntity<String> response = api().getForEntity("/api/meetings/mtg-never-booked/flows", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(response.getBody())).isEmpty();
    }

    @Test
    void anUnknownLeadIsNotFoundAndCredentialsAreRequired() {
        assertThat(api().getForEntity("/api/leads/" + leadId + "/flows", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/api/meetings/mtg-1/flows", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private void deployProbe() {
        BpmnModelInstance probe = Bpmn.createExecutableProcess(PROBE).name("Progress probe")
                .camundaHistoryTimeToLive(1)
                .startEvent("Start")
                .receiveTask("WaitForConfirmation").name("Wait for confirmation").message("LeadConfirmedMeeting")
                .boundaryEvent("TwoHours").name("Two hours").timerWithDuration("PT2H")
                .endEvent("EndTimedOut")
                .moveToActivity("WaitForConfirmation")
                .endEvent("EndConfirmed")
                .done();
        probeDeployment = repository.createDeployment().name(PROBE).addModelInstance(PROBE + ".bpmn", probe).deploy();
    }

    private JsonNode flowsOfLead() throws Exception {
        ResponseEntity<String> response = api().getForEntity("/api/leads/" + leadId + "/flows", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    private static JsonNode single(JsonNode array) {
        assertThat(array.isArray()).as("an array: %s", array).isTrue();
        assertThat(array.size()).as("one element: %s", array).isEqualTo(1);
        return array.get(0);
    }

    private ProcessInstance newConsentedLead() {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return engine.instancesOf(leadId).get(0);
    }

    private void reply(String text) {
        api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"%s"}""".formatted(phone, text)), String.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.instancesOf(leadId).isEmpty());
    }
}
