package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** Every exit of processes/post-meeting.bpmn. */
class PostMeetingFlowTest extends FlowScenarioTest {

    private static final String THANKS = "leadflow_postmeeting_thanks";
    private static final String DAY_2 = "leadflow_postmeeting_followup_1";
    private static final String DAY_5 = "leadflow_postmeeting_followup_2";

    private final String meetingId = "mtg-" + leadId;

    @Test
    void thanksThenFollowUpsOnDays2And5ThenItEndsWithoutReply() {
        ProcessInstance postMeeting = completed();
        assertThat(sent()).containsExactly(THANKS);

        timePasses(Duration.ofDays(2));
        assertThat(sent()).containsExactly(THANKS, DAY_2);
        timePasses(Duration.ofDays(3));
        assertThat(sent()).containsExactly(THANKS, DAY_2, DAY_5);
        timePasses(Duration.ofDays(7));

        assertThat(postMeeting).isEnded().hasPassed(PostMeetingFlow.END_NO_REPLY);
        assertThat(sent()).containsExactly(THANKS, DAY_2, DAY_5);
    }

    @Test
    void aReplyStopsTheFollowUpsAndBecomesATaskForTheOwner() {
        ProcessInstance postMeeting = completed();
        timePasses(Duration.ofDays(2));

        reply("Gostei da proposta, podemos falar de preço?",
                () -> tasks.createTaskQuery().processInstanceId(postMeeting.getId()).count() == 1);

        Task task = openTask(postMeeting);
        assertThat(task.getTaskDefinitionKey()).isEqualTo(PostMeetingFlow.ANSWER_THE_LEAD);
        assertThat(task.getAssignee()).isEqualTo("maria");
        assertThat(runtime.getVariable(postMeeting.getId(), FlowVariables.LAST_REPLY))
                .isEqualTo("Gostei da proposta, podemos falar de preço?");
        timePasses(Duration.ofDays(5));
        assertThat(sent()).containsExactly(THANKS, DAY_2);

        tasks.complete(task.getId(), Map.of("ownerNote", "called back"));
        assertThat(postMeeting).isEnded().hasPassed(PostMeetingFlow.END_OWNER_ANSWERED);
    }

    @Test
    void aWonDealEndsTheFollowUps() {
        ProcessInstance postMeeting = completed();

        assertThat(event("DEAL_WON", "").getBody()).contains("deal won: post-meeting follow-ups ended: 1");

        assertThat(postMeeting).isEnded().hasPassed(PostMeetingFlow.END_DEAL_WON);
        timePasses(Duration.ofDays(5));
        assertThat(sent()).containsExactly(THANKS);
    }

    @Test
    void aLostDealEndsTheFollowUps() {
        ProcessInstance postMeeting = completed();
        timePasses(Duration.ofDays(2));

        event("DEAL_LOST", "");

        assertThat(postMeeting).isEnded().hasPassed(PostMeetingFlow.END_DEAL_LOST);
        timePasses(Duration.ofDays(5));
        assertThat(sent()).containsExactly(THANKS, DAY_2);
    }

    @Test
    void aClosedStatusEndsTheFollowUps() {
        ProcessInstance postMeeting = completed();

        event("STATUS_CHANGED", "\"status\":\"Closed\"");

        assertThat(postMeeting).isEnded().hasPassed(PostMeetingFlow.END_LEAD_CLOSED);
    }

    @Test
    void theNextMeetingBookedEndsTheFollowUps() {
        ProcessInstance postMeeting = completed();

        meetingEvent("MEETING_BOOKED", meetingId + "-next", START.plus(Duration.ofDays(7)));

        assertThat(postMeeting).isEnded().hasPassed(PostMeetingFlow.END_NEXT_MEETING_BOOKED);
    }

    @Test
    void aSecondCompletedMeetingWhileOneRunsChangesNothing() {
        completed();

        assertThat(meetingEvent("MEETING_COMPLETED", meetingId + "-2", null).getBody())
                .contains("already running for the lead: nothing to do");
        runDueJobs();

        assertThat(sent()).containsExactly(THANKS);
    }

    @Test
    void optingOutEndsTheFollowUps() {
        ProcessInstance postMeeting = completed();

        event("OPTED_OUT", "");

        assertThat(postMeeting).isEnded().hasPassed(PostMeetingFlow.END_OPTED_OUT);
    }

    @Test
    void aFollowUpThatCannotBeSentGoesToOpsWhoMayEndTheFlow() {
        ProcessInstance postMeeting = completed();
        cloudApi.failNextSends(132001, 1);

        timePasses(Duration.ofDays(2));

        assertThat(postMeeting).isWaitingAt(PostMeetingFlow.HANDLE_DAY_2_FAILURE);
        opsDecide(postMeeting, "numberInvalid");
        assertThat(postMeeting).isEnded().hasPassed(PostMeetingFlow.END_DAY_2_NUMBER_INVALID,
                PostMeetingFlow.END_NUMBER_INVALID);
    }

    private ProcessInstance completed() {
        consentedLeadWithoutWelcome();
        assertThat(meetingEvent("MEETING_COMPLETED", meetingId, null).getBody())
                .contains("post-meeting follow-up started for meeting " + meetingId);
        ProcessInstance postMeeting = flowOf(PostMeetingFlow.PROCESS_KEY);
        runDueJobs();
        return postMeeting;
    }
}
