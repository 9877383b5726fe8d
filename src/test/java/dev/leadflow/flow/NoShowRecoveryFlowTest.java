package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** Every exit of processes/no-show-recovery.bpmn, including a cancel and a no-show for the same meeting. */
class NoShowRecoveryFlowTest extends FlowScenarioTest {

    private static final String WE_MISSED_YOU = "leadflow_meeting_noshow";
    private static final String FOLLOW_UP = "leadflow_meeting_noshow_followup";

    private final String meetingId = "mtg-" + leadId;
    private final Instant missedAt = TEST_START.minus(Duration.ofHours(1));

    @Test
    void withoutReplyOrRebookingAFollowUpThenATaskForTheOwnerWithAnSla() {
        ProcessInstance recovery = noShow();
        assertThat(sent()).containsExactly(WE_MISSED_YOU);

        engine.timePasses(leadId, Duration.ofDays(1));
        assertThat(sent()).containsExactly(WE_MISSED_YOU, FOLLOW_UP);
        engine.timePasses(leadId, Duration.ofDays(1));

        assertThat(recovery).isWaitingAt(NoShowRecoveryFlow.CALL_THE_LEAD);
        Task task = openTask(recovery);
        assertThat(task.getAssignee()).isEqualTo("maria");
        assertThat(task.getName()).isEqualTo("Call the lead who missed the meeting");
        assertThat(formKeyOf(task)).isEqualTo("no-show-recovery");

        engine.timePasses(leadId, Duration.ofDays(1));

        assertThat(recovery).hasPassed(NoShowRecoveryFlow.ESCALATE, NoShowRecoveryFlow.END_ESCALATED)
                .isWaitingAt(NoShowRecoveryFlow.CALL_THE_LEAD);
        Task escalated = openTask(recovery);
        assertThat(escalated.getPriority()).isEqualTo(100);
        assertThat(tasks.getIdentityLinksForTask(escalated.getId()))
                .anyMatch(link -> "sales-managers".equals(link.getGroupId()));

        tasks.complete(escalated.getId(), Map.of("noShowOutcome", "unreachable"));
        assertThat(recovery).isEnded().hasPassed(NoShowRecoveryFlow.END_OWNER_FOLLOWED_UP);
        assertThat(sent()).containsExactly(WE_MISSED_YOU, FOLLOW_UP);
    }

    @Test
    void aReplyWithinADayEndsTheRecoveryWithoutFollowUp() {
        ProcessInstance recovery = noShow();

        reply("desculpa, tive um imprevisto", () -> ended(recovery));

        assertThat(recovery).hasPassed(NoShowRecoveryFlow.END_REPLIED);
        engine.timePasses(leadId, Duration.ofDays(5));
        assertThat(sent()).containsExactly(WE_MISSED_YOU);
    }

    @Test
    void aReplyAfterTheFollowUpStillEndsItBeforeTheOwnerIsAsked() {
        ProcessInstance recovery = noShow();
        engine.timePasses(leadId, Duration.ofDays(1));

        reply("oi", () -> ended(recovery));

        assertThat(recovery).hasPassed(NoShowRecoveryFlow.END_REPLIED).hasNotPassed(NoShowRecoveryFlow.CALL_THE_LEAD);
    }

    @Test
    void aRebookingEndsTheRecoveryAndConfirmsTheNewMeeting() {
        ProcessInstance recovery = noShow();

        meetingEvent("MEETING_BOOKED", meetingId + "-again", TEST_START.plus(Duration.ofDays(2)));
        engine.runDueJobs(leadId);

        assertThat(recovery).isEnded().hasPassed(NoShowRecoveryFlow.END_REBOOKED);
        assertThat(sent()).containsExactly(WE_MISSED_YOU, "leadflow_meeting_confirmation");
    }

    @Test
    void aCancelAfterTheNoShowEndsTheRecovery() {
        ProcessInstance recovery = noShow();

        meetingEvent("MEETING_CANCELLED", meetingId, null);

        assertThat(recovery).isEnded().hasPassed(NoShowRecoveryFlow.END_MEETING_CANCELLED);
        engine.timePasses(leadId, Duration.ofDays(3));
        assertThat(sent()).containsExactly(WE_MISSED_YOU);
    }

    @Test
    void aNoShowForACancelledMeetingStartsNoRecovery() {
        consentedLeadWithoutWelcome();
        meetingEvent("MEETING_BOOKED", meetingId, TEST_START.plus(Duration.ofHours(2)));
        meetingEvent("MEETING_CANCELLED", meetingId, null);

        assertThat(meetingEvent("MEETING_NO_SHOW", meetingId, null).getBody())
                .contains("was cancelled: no no-show recovery");

        assertThat(flowOf(NoShowRecoveryFlow.PROCESS_KEY)).isNull();
        engine.runDueJobs(leadId);
        assertThat(cloudApi.received(phone)).isEmpty();
    }

    @Test
    void aDuplicateNoShowChangesNothing() {
        noShow();

        assertThat(meetingEvent("MEETING_NO_SHOW", meetingId, missedAt).getBody())
                .contains("already running for the lead: nothing to do");
        engine.runDueJobs(leadId);

        assertThat(sent()).containsExactly(WE_MISSED_YOU);
    }

    @Test
    void aClosedLeadEndsTheRecovery() {
        ProcessInstance recovery = noShow();

        event("STATUS_CHANGED", "\"status\":\"disqualified\"");

        assertThat(recovery).isEnded().hasPassed(NoShowRecoveryFlow.END_LEAD_CLOSED);
    }

    @Test
    void optingOutEndsTheRecovery() {
        ProcessInstance recovery = noShow();

        event("OPTED_OUT", "");

        assertThat(recovery).isEnded().hasPassed(NoShowRecoveryFlow.END_OPTED_OUT);
        engine.timePasses(leadId, Duration.ofDays(3));
        assertThat(sent()).containsExactly(WE_MISSED_YOU);
    }

    @Test
    void aMessageThatCannotBeSentGoesToOps() {
        consentedLeadWithoutWelcome();
        cloudApi.failNextSends(132001, 1);
        meetingEvent("MEETING_NO_SHOW", meetingId, missedAt);
        ProcessInstance recovery = flowOf(NoShowRecoveryFlow.PROCESS_KEY);

        engine.runDueJobs(leadId);

        assertThat(recovery).isWaitingAt(NoShowRecoveryFlow.HANDLE_SEND_FAILURE);
        tasks.complete(openTask(recovery).getId(), Map.of("opsNote", "number is invalid"));
        assertThat(recovery).isEnded().hasPassed(NoShowRecoveryFlow.END_SEND_FAILED);
    }

    private ProcessInstance noShow() {
        consentedLeadWithoutWelcome();
        assertThat(meetingEvent("MEETING_NO_SHOW", meetingId, missedAt).getBody())
                .contains("no-show recovery started for meeting " + meetingId);
        ProcessInstance recovery = flowOf(NoShowRecoveryFlow.PROCESS_KEY);
        engine.runDueJobs(leadId);
        return recovery;
    }

    private String formKeyOf(Task task) {
        return processEngine.getFormService().getTaskFormData(task.getId()).getCamundaFormRef().getKey();
    }
}
