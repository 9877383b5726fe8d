package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import dev.leadflow.support.Engine;

/** Every exit of processes/follow-up.bpmn, which the welcome flow calls once the welcome went out. */
class FollowUpFlowTest extends FlowScenarioTest {

    @Test
    void withoutAnyResponseThreeFollowUpsGoOutAndTheLeadBecomesARewarmingCandidate() {
        ProcessInstance followUp = followUpAfterTheWelcome();

        timePasses(Duration.ofHours(23));
        assertThat(sent()).containsExactly("leadflow_welcome");
        timePasses(Duration.ofHours(1));
        assertThat(sent()).containsExactly("leadflow_welcome", "leadflow_followup_1");

        timePasses(Duration.ofDays(3));
        assertThat(sent()).endsWith("leadflow_followup_2");
        timePasses(Duration.ofDays(7));
        assertThat(sent()).endsWith("leadflow_followup_3");
        assertThat(rewarmingCandidateSince()).isNull();

        timePasses(Duration.ofDays(7));

        assertThat(followUp).isEnded().hasPassed(FollowUpFlow.END_NO_RESPONSE);
        assertThat(flowOf(WelcomeFlow.PROCESS_KEY)).isNull();
        assertThat(rewarmingCandidateSince()).isEqualTo(Engine.now());
        assertThat(sent()).containsExactly("leadflow_welcome", "leadflow_followup_1", "leadflow_followup_2",
                "leadflow_followup_3");
    }

    @Test
    void aReplyAfterTheSecondFollowUpStopsTheThird() {
        ProcessInstance followUp = followUpAfterTheWelcome();
        timePasses(Duration.ofDays(1));
        timePasses(Duration.ofDays(3));
        assertThat(sent()).endsWith("leadflow_followup_2");

        reply("desculpa a demora, ainda tenho interesse", () -> ended(followUp));

        assertThat(followUp).hasPassed(FollowUpFlow.END_REPLIED);
        timePasses(Duration.ofDays(30));
        assertThat(sent()).hasSize(3);
        assertThat(rewarmingCandidateSince()).isNull();
    }

    @Test
    void aReplyArrivingWhileAFollowUpSendIsDueStopsThatSend() {
        ProcessInstance followUp = followUpAfterTheWelcome();
        Engine.setNow(fromNow(Duration.ofDays(1)));
        onlyDueTimersFire();
        assertThat(followUp).isWaitingAt(FollowUpFlow.SEND_FOLLOW_UP_1);
        assertThat(engine.dueJobs(leadId)).hasSize(1);

        reply("oi", () -> ended(followUp));
        runDueJobs();

        assertThat(followUp).hasPassed(FollowUpFlow.END_REPLIED).hasNotPassed(FollowUpFlow.SEND_FOLLOW_UP_1);
        assertThat(sent()).containsExactly("leadflow_welcome");
    }

    @Test
    void aMeetingBookedStopsTheFollowUps() {
        ProcessInstance followUp = followUpAfterTheWelcome();
        timePasses(Duration.ofDays(1));

        assertThat(meetingEvent("MEETING_BOOKED", "mtg-" + leadId, fromNow(Duration.ofDays(5))).getBody())
                .contains("flows ended by the booking: 1");

        assertThat(followUp).isEnded().hasPassed(FollowUpFlow.END_MEETING_BOOKED);
        runDueJobs();
        timePasses(Duration.ofDays(3));
        assertThat(sent()).containsExactly("leadflow_welcome", "leadflow_followup_1", "leadflow_meeting_confirmation");
    }

    @Test
    void aClosedStatusStopsTheFollowUpsAnOpenOneDoesNot() {
        ProcessInstance followUp = followUpAfterTheWelcome();

        assertThat(event("STATUS_CHANGED", "\"status\":\"Contacted\"").getBody()).doesNotContain("sales flows ended");
        assertThat(followUp).isWaitingAt("WaitOneDay");

        assertThat(event("STATUS_CHANGED", "\"status\":\"LOST\"").getBody()).contains("sales flows ended: 1");

        assertThat(followUp).isEnded().hasPassed(FollowUpFlow.END_LEAD_CLOSED);
        timePasses(Duration.ofDays(30));
        assertThat(sent()).containsExactly("leadflow_welcome");
    }

    @Test
    void aLostDealStopsTheFollowUps() {
        ProcessInstance followUp = followUpAfterTheWelcome();

        event("DEAL_LOST", "");

        assertThat(followUp).isEnded().hasPassed(FollowUpFlow.END_LEAD_CLOSED);
    }

    @Test
    void aFollowUpThatCannotBeSentGoesToOpsWhoSkipIt() {
        ProcessInstance followUp = followUpAfterTheWelcome();
        cloudApi.failNextSends(132001, 1);

        timePasses(Duration.ofDays(1));

        assertThat(followUp).isWaitingAt(FollowUpFlow.HANDLE_FOLLOW_UP_1_FAILURE);
        opsDecide(followUp, "skip");
        timePasses(Duration.ofDays(3));
        assertThat(sent()).containsExactly("leadflow_welcome", "leadflow_followup_2");
    }

    @Test
    void opsMarkingTheNumberInvalidEndsTheFollowUps() {
        ProcessInstance followUp = followUpAfterTheWelcome();
        cloudApi.failNextSends(132001, 1);
        timePasses(Duration.ofDays(1));

        opsDecide(followUp, "numberInvalid");

        assertThat(followUp).isEnded().hasPassed(FollowUpFlow.END_FOLLOW_UP_1_NUMBER_INVALID, FollowUpFlow.END_NUMBER_INVALID);
        assertThat(rewarmingCandidateSince()).isNull();
    }

    private ProcessInstance followUpAfterTheWelcome() {
        newConsentedLead();
        runDueJobs();
        assertThat(sent()).containsExactly("leadflow_welcome");
        ProcessInstance followUp = flowOf(FollowUpFlow.PROCESS_KEY);
        assertThat(followUp).isNotNull().isWaitingAt("WaitOneDay");
        return followUp;
    }
}
