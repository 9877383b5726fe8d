package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.leadflow.support.TestLeads;

/** Every path of processes/welcome.bpmn, started through the CRM API, asserted at the Cloud API fake. */
class WelcomeFlowTest extends FlowScenarioTest {

    @Test
    void aReplyAfterTheWelcomeEndsTheWaitWithoutFollowUp() {
        ProcessInstance welcome = welcomeOfNewLead();
        runDueJobs();
        assertThat(sent()).containsExactly("leadflow_welcome");
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        ProcessInstance followUp = flowOf(FollowUpFlow.PROCESS_KEY);

        reply("Oi! Quero saber mais", () -> ended(welcome));

        assertThat(followUp).isEnded().hasPassed(FollowUpFlow.END_REPLIED);
        assertThat(welcome).isEnded().hasPassed(WelcomeFlow.END_DONE);
        timePasses(Duration.ofDays(30));
        assertThat(sent()).containsExactly("leadflow_welcome");
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
        runDueJobs();

        assertThat(sent()).containsExactly("leadflow_welcome");
    }

    @Test
    void optingOutEndsTheWelcomeAndItsFollowUpsAndNothingMoreIsSent() {
        ProcessInstance welcome = welcomeOfNewLead();
        runDueJobs();
        ProcessInstance followUp = flowOf(FollowUpFlow.PROCESS_KEY);

        assertThat(event("OPTED_OUT", "").getBody()).contains("flows ended: 1");

        assertThat(welcome).isEnded().hasPassed(WelcomeFlow.END_OPTED_OUT);
        assertThat(followUp).isEnded();
        timePasses(Duration.ofDays(30));
        assertThat(sent()).containsExactly("leadflow_welcome");
    }

    @Test
    void aMeetingBookedBeforeTheWelcomeGoesOutStopsIt() {
        ProcessInstance welcome = welcomeOfNewLead();

        meetingEvent("MEETING_BOOKED", "mtg-" + leadId, fromNow(Duration.ofDays(3)));
        runDueJobs();

        assertThat(welcome).isEnded().hasPassed(WelcomeFlow.END_MEETING_BOOKED_FIRST);
        assertThat(sent()).containsExactly("leadflow_meeting_confirmation");
    }

    @Test
    void aLeadClosedBeforeTheWelcomeGoesOutStopsIt() {
        ProcessInstance welcome = welcomeOfNewLead();

        event("STATUS_CHANGED", "\"status\":\"Disqualified\"");
        runDueJobs();

        assertThat(welcome).isEnded().hasPassed(WelcomeFlow.END_LEAD_CLOSED_FIRST);
        assertThat(cloudApi.received(phone)).isEmpty();
    }

    @Test
    void aPermanentRefusalBecomesAnOpsTaskNotARetryLoop() {
        ProcessInstance welcome = welcomeOfNewLead();
        cloudApi.failNextSends(132001, 1);

        runDueJobs();

        assertThat(welcome).isWaitingAt(WelcomeFlow.HANDLE_WELCOME_FAILURE);
        assertThat(engine.jobsOf(leadId)).isEmpty();
        assertThat(cloudApi.received(phone)).isEmpty();
        assertThat(runtime.getVariable(welcome.getId(), FlowVariables.SEND_FAILURE).toString()).contains("132001");

        opsDecide(welcome, "skip");
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(flowOf(FollowUpFlow.PROCESS_KEY)).isWaitingAt("WaitOneDay");
    }

    @Test
    void aRetryableRefusalIsRetriedByTheJobAndSentOnce() {
        ProcessInstance welcome = welcomeOfNewLead();
        cloudApi.failNextSends(131000, 1);

        runDueJobs();
        assertThat(cloudApi.received(phone)).isEmpty();
        assertThat(welcome).isWaitingAt(WelcomeFlow.SEND_WELCOME);

        timePasses(Duration.ofMinutes(1));

        assertThat(sent()).containsExactly("leadflow_welcome");
        assertThat(welcome).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
    }

    @Test
    void theFlowHistoryNamesTheEndReached() {
        ProcessInstance welcome = welcomeOfNewLead();
        runDueJobs();
        reply("ok", () -> ended(welcome));

        HistoricProcessInstance followUp = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(FollowUpFlow.PROCESS_KEY).processInstanceBusinessKey(leadId).singleResult();
        assertThat(followUp.getEndActivityId()).isEqualTo(FollowUpFlow.END_REPLIED);
    }

    private ProcessInstance welcomeOfNewLead() {
        newConsentedLead();
        ProcessInstance welcome = flowOf(WelcomeFlow.PROCESS_KEY);
        assertThat(welcome).isNotNull();
        return welcome;
    }
}
