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
    private final Instant missedAt = START.minus(Duration.ofHours(1));

    @Test
    void withoutReplyOrRebookingAFollowUpThenATaskForTheOwnerWithAnSla() {
        ProcessInstance recovery = noShow();
        assertThat(sent()).containsExactly(WE_MISSED_YOU);

        timePasses(Duration.ofDays(1));
        assertThat(sent()).containsExactly(WE_MISSED_YOU, FOLLOW_UP);
        timePasses(Duration.ofDays(1));

        assertThat(recovery).isWaitingAt(NoShowRecoveryFlow.CALL_THE_LEAD);
        Task task = openTask(recovery);
        assertThat(task.getAssignee()).isEqualTo("maria");
        assertThat(task.getName()).isEqualTo("Call the lead who missed the meeting: Ana");
        assertThat(formKeyOf(task)).isEqualTo("no-show-recovery");

        timePasses(Duration.ofDays(1));

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
        timePasses(Duration.ofDays(5));
        assertThat(sent()).containsExactly(WE_MISSED_YOU);
    }

    @Test
    void aReplyAfterTheFollowUpStillEndsItBeforeTheOwnerIsAsked() {
        ProcessInstance recovery = noShow();
        timePasses(Duration.ofDays(1));

        reply("oi", () -> ended(recovery));

        assertThat(recovery).hasPassed(NoShowRecoveryFlow.END_REPLIED).hasNotPassed(NoShowRecoveryFlow.CALL_THE_LEAD);
    }

    @Test
    void aRebookingEndsTheRecoveryAndConfirmsTheNewMeeting() {
        ProcessInstance recovery = noShow();

        meetingEvent("MEETING_BOOKED", meetingId + "-again", START.plus(Duration.ofDays(2)));
        runDueJobs();

        assertThat(recovery).isEnded().hasPassed(NoShowRecoveryFlow.END_REBOOKED);
        assertThat(sent()).containsExactly(WE_MISSED_YOU, "leadflow_meeting_confirmation");
    }

    @Test
    void aCancelAfterTheNoShowEndsTheRecovery() {
        ProcessInstance recovery = noShow();

        meetingEvent("MEETING_CANCELLED", meetingId, null);

        assertThat(recovery).isEnded().hasPassed(NoShowRecoveryFlow.END_MEETING_CANCELLED);
        timePasses(Duration.ofDays(3));
        assertThat(sent()).containsExactly(WE_MISSED_YOU);
    }

    @Test
    void aNoShowForACancelledMeetingStartsNoRecovery() {
        consentedLeadWithoutWelcome();
        meetingEvent("MEETING_BOOKED", meetingId, START.plus(Duration.ofHours(2)));
        meetingEvent("MEETING_CANCELLED", meetingId, null);

        assertThat(meetingEvent("MEETING_NO_SHOW", meetingId, null).getBody())
                .contains("was cancelled: no no-show recovery");

        assertThat(flowOf(NoShowRecoveryFlow.PROCESS_KEY)).isNull();
        runDueJobs();
        assertThat(cloudApi.received(phone)).isEmpty();
    }

    @Test
    void aDuplicateNoShowChangesNothing() {
        noShow();

        assertThat(meetingEvent("MEETING_NO_SHOW", meetingId, missedAt).getBody())
                .contains("already running for the lead: nothing to do");
        runDueJobs();

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
        timePasses(Duration.ofDays(3));
        assertThat(sent()).containsExactly(WE_MISSED_YOU);
    }

    @Test
    void aMessageThatCannotBeSentGoesToOpsWhoRetryIt() {
        consentedLeadWithoutWelcome();
        cloudApi.failNextSends(132001, 1);
        meetingEvent("MEETING_NO_SHOW", meetingId, missedAt);
        ProcessInstance recovery = flowOf(NoShowRecoveryFlow.PROCESS_KEY);

        runDueJobs();

        assertThat(recovery).isWaitingAt(NoShowRecoveryFlow.HANDLE_WE_MISSED_YOU_FAILURE);
        opsDecide(recovery, "retry");
        runDueJobs();
        assertThat(sent()).containsExactly(WE_MISSED_YOU);
        assertThat(recovery).isWaitingAt("WaitFirstDay");
    }

    private ProcessInstance noShow() {
        consentedLeadWithoutWelcome();
        assertThat(meetingEvent("MEETING_NO_SHOW", meetingId, missedAt).getBody())
                .contains("no-show recovery started for meeting " + meetingId);
        ProcessInstance recovery = flowOf(NoShowRecoveryFlow.PROCESS_KEY);
        runDueJobs();
        return recovery;
    }

    private String formKeyOf(Task task) {
        return processEngine.getFormService().getTaskFormData(task.getId()).getCamundaFormRef().getKey();
    }
}
