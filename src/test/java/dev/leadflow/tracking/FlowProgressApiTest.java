package dev.leadflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import dev.leadflow.flow.FollowUpFlow;
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

        JsonNode welcome = flow(flowsOfLead(), WelcomeFlow.PROCESS_KEY);

        assertThat(welcome.path("flowName").asText()).isEqualTo("Welcome");
        assertThat(welcome.path("state").asText()).as("%s", welcome).isEqualTo("RUNNING");
        JsonNode step = single(welcome.path("steps"));
        assertThat(step.path("stepId").asText()).isEqualTo(WelcomeFlow.SEND_WELCOME);
        assertThat(step.path("step").asText()).isEqualTo("Send welcome");
        assertThat(step.path("status").asText()).isEqualTo("QUEUED");
    }

    @Test
    void waitingFlowsSayAtWhichStepUntilWhenAndForWhat() throws Exception {
        newConsentedLead();
        engine.runDueJobs(leadId);
        JsonNode flows = flowsOfLead();

        JsonNode welcome = flow(flows, WelcomeFlow.PROCESS_KEY);
        assertThat(welcome.path("state").asText()).as("%s", welcome).isEqualTo("WAITING");
        JsonNode calling = single(welcome.path("steps"));
        assertThat(calling.path("stepId").asText()).isEqualTo(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(calling.path("waitingFor").toString()).contains("{\"type\":\"CALLED_FLOW\",\"name\":\"followUp\"");
        assertThat(welcome.path("listensFor").toString()).contains("\"name\":\"LeadOptedOut\"");

        JsonNode followUp = flow(flows, FollowUpFlow.PROCESS_KEY);
        String tomorrow = TEST_START.plus(Duration.ofDays(1)).toString();
        assertThat(followUp.path("state").asText()).as("%s", followUp).isEqualTo("WAITING");
        assertThat(followUp.path("leadId").asText()).isEqualTo(leadId);
        assertThat(followUp.path("until").asText()).isEqualTo(tomorrow);
        JsonNode step = single(followUp.path("steps"));
        assertThat(step.path("stepId").asText()).isEqualTo("WaitOneDay");
        assertThat(step.path("status").asText()).isEqualTo("WAITING");
        assertThat(step.path("waitingFor").toString()).isEqualTo("[{\"type\":\"TIMER\",\"stepId\":\"WaitOneDay\","
                + "\"step\":\"1 day without reply\",\"until\":\"" + tomorrow + "\"}]");
        assertThat(followUp.path("listensFor").toString())
                .contains("{\"type\":\"MESSAGE\",\"name\":\"LeadReplied\",\"stepId\":\"LeadReplied\",\"step\":\"Lead replied\"}")
                .contains("\"name\":\"LeadOptedOut\"");
    }

    @Test
    void completedFlowsNameTheirEndEvent() throws Exception {
        newConsentedLead();
        engine.runDueJobs(leadId);
        reply("Oi!");
        JsonNode flows = flowsOfLead();

        JsonNode followUp = flow(flows, FollowUpFlow.PROCESS_KEY);
        assertThat(followUp.path("state").asText()).as("%s", followUp).isEqualTo("COMPLETED");
        assertThat(followUp.path("end").path("stepId").asText()).isEqualTo(FollowUpFlow.END_REPLIED);
        assertThat(followUp.path("end").path("step").asText()).isEqualTo("Lead replied");
        assertThat(followUp.path("endedAt").isTextual()).isTrue();
        assertThat(followUp.path("steps")).isEmpty();
        JsonNode welcome = flow(flows, WelcomeFlow.PROCESS_KEY);
        assertThat(welcome.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(welcome.path("end").path("stepId").asText()).isEqualTo(WelcomeFlow.END_DONE);
    }

    @Test
    void aCancelledFlowGivesTheReason() throws Exception {
        ProcessInstance welcome = newConsentedLead();
        runtime.deleteProcessInstance(welcome.getId(), "duplicate lead in the CRM");

        JsonNode flow = flow(flowsOfLead(), WelcomeFlow.PROCESS_KEY);

        assertThat(flow.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(flow.path("cancelReason").asText()).isEqualTo("duplicate lead in the CRM");
    }

    @Test
    void aFailingSendIsRetryingWithTheErrorThenAnIncident() throws Exception {
        newConsentedLead();
        cloudApi.failNextSends(131000, 1);
        engine.runDueJobs(leadId);

        JsonNode retrying = flow(flowsOfLead(), WelcomeFlow.PROCESS_KEY);
        JsonNode step = single(retrying.path("steps"));
        assertThat(retrying.path("state").asText()).as("%s", retrying).isEqualTo("RUNNING");
        assertThat(step.path("status").asText()).isEqualTo("RETRYING");
        assertThat(step.path("error").asText()).contains("131000");
        assertThat(step.path("until").asText()).isEqualTo(TEST_START.plus(Duration.ofMinutes(1)).toString());

        Job job = engine.jobsOf(leadId).get(0);
        management.setJobRetries(job.getId(), 1);
        cloudApi.failNextSends(131000, 1);
        engine.timePasses(leadId, Duration.ofMinutes(1));

        JsonNode failed = flow(flowsOfLead(), WelcomeFlow.PROCESS_KEY);
        assertThat(failed.path("state").asText()).as("%s", failed).isEqualTo("INCIDENT");
        assertThat(single(failed.path("steps")).path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("incidents").get(0).asText()).startsWith(WelcomeFlow.SEND_WELCOME + ": ");
    }

    @Test
    void aPermanentFailureWaitsForAPersonInTasklist() throws Exception {
        newConsentedLead();
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);

        JsonNode welcome = flow(flowsOfLead(), WelcomeFlow.PROCESS_KEY);
        JsonNode step = single(welcome.path("steps"));

        assertThat(step.path("stepId").asText()).as("%s", welcome).isEqualTo(WelcomeFlow.HANDLE_WELCOME_FAILURE);
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
    void aBookedMeetingsFlowsWaitForItsReminderTimes() throws Exception {
        newConsentedLead();
        engine.runDueJobs(leadId);
        String meetingId = "mtg-" + leadId;
        postEvent(leadId, """
                {"eventId":"%s-booked","type":"MEETING_BOOKED","occurredAt":"2026-03-04T15:00:00Z",
                 "meeting":{"id":"%s","startsAt":"2026-03-10T14:00:00Z","timezone":"America/Sao_Paulo"}}"""
                .formatted(leadId, meetingId));
        engine.runDueJobs(leadId);

        ResponseEntity<String> response = api().getForEntity("/api/meetings/" + meetingId + "/flows", String.class);

        JsonNode flows = JSON.readTree(response.getBody());
        assertThat(flows.findValuesAsText("meetingId")).hasSize(flows.size()).allMatch(meetingId::equals);
        JsonNode booking = flow(flows, "meetingBooking");
        assertThat(single(booking.path("steps")).path("waitingFor").get(0).path("name").asText())
                .isEqualTo("meetingReminders");
        assertThat(booking.path("listensFor").findValuesAsText("name")).contains("MeetingCancelled",
                "MeetingRescheduled", "LeadConfirmedMeeting");
        JsonNode reminders = flow(flows, "meetingReminders");
        assertThat(reminders.path("state").asText()).isEqualTo("WAITING");
        assertThat(reminders.path("until").asText()).as("24 h before the meeting").isEqualTo("2026-03-09T14:00:00Z");
        assertThat(single(reminders.path("steps")).path("step").asText()).isEqualTo("24 h before the meeting");
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

    private static JsonNode flow(JsonNode flows, String key) {
        List<JsonNode> found = new ArrayList<>();
        flows.forEach(flow -> {
            if (flow.path("flow").asText().equals(key)) {
                found.add(flow);
            }
        });
        assertThat(found).as("one %s flow in %s", key, flows).hasSize(1);
        return found.get(0);
    }

    private static JsonNode single(JsonNode array) {
        assertThat(array.isArray()).as("an array: %s", array).isTrue();
        assertThat(array.size()).as("one element: %s", array).isEqualTo(1);
        return array.get(0);
    }

    private ProcessInstance newConsentedLead() {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return runtime.createProcessInstanceQuery().processDefinitionKey(WelcomeFlow.PROCESS_KEY)
                .processInstanceBusinessKey(leadId).singleResult();
    }

    private void reply(String text) {
        api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"%s"}""".formatted(phone, text)), String.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.instancesOf(leadId).isEmpty());
    }
}
