package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import dev.leadflow.support.Engine;
import dev.leadflow.whatsapp.sandbox.SandboxMessage;

/**
 * Reschedules: from the CRM (meeting-booking.bpmn) and at the lead's request (meeting-rescheduling.bpmn). After a
 * reschedule no reminder for the old time goes out, whatever the timing of the jobs.
 */
class ReschedulingFlowTest extends FlowScenarioTest {

    private static final String CONFIRMATION = "leadflow_meeting_confirmation";
    private static final String REMINDER_24H = "leadflow_meeting_reminder_24h";
    private static final String REMINDER_1H = "leadflow_meeting_reminder_1h";

    private final String meetingId = "mtg-" + leadId;
    private final Instant oldTime = START.plus(Duration.ofDays(3));
    private final Instant newTime = oldTime.plus(Duration.ofDays(2));

    @Test
    void aCrmRescheduleConfirmsTheNewTimeAndMovesTheReminders() {
        ProcessInstance booking = booked();
        ProcessInstance oldReminders = flowOf(MeetingRemindersFlow.PROCESS_KEY);

        assertThat(meetingEvent("MEETING_RESCHEDULED", meetingId, newTime).getBody())
                .contains("meeting " + meetingId + " moved to " + newTime + " in 1 flow(s)");
        runDueJobs();

        assertThat(oldReminders).isEnded();
        assertThat(cloudApi.received(phone)).extracting(SandboxMessage::parameters)
                .containsExactly(List.of("Ana", "12 de mar. de 2026 12:00"), List.of("Ana", "14 de mar. de 2026 12:00"));
        remindersRunUntilTheMeetings();
        assertThat(sent()).containsExactly(CONFIRMATION, CONFIRMATION, REMINDER_24H, REMINDER_1H);
        assertThat(reminderTimes()).allMatch(parameter -> parameter.equals("14 de mar. de 2026 12:00"));
        assertThat(booking).isEnded().hasPassed(MeetingBookingFlow.END_MEETING_START_REACHED);
    }

    @Test
    void aRescheduleAfterThe24HourReminderFiredSendsNoOtherReminderForTheOldTime() {
        booked();
        at(oldTime.minus(Duration.ofHours(24)));
        assertThat(sent()).containsExactly(CONFIRMATION, REMINDER_24H);

        meetingEvent("MEETING_RESCHEDULED", meetingId, newTime);
        runDueJobs();

        remindersRunUntilTheMeetings();
        assertThat(sent()).containsExactly(CONFIRMATION, REMINDER_24H, CONFIRMATION, REMINDER_24H, REMINDER_1H);
        assertThat(cloudApi.received(phone).get(3).callbackData()).endsWith(meetingId + "@" + newTime);
    }

    @Test
    void aRescheduleWhileAReminderSendIsAlreadyDueCancelsThatSend() {
        booked();
        Engine.setNow(oldTime.minus(Duration.ofHours(24)));
        onlyDueTimersFire();
        assertThat(flowOf(MeetingRemindersFlow.PROCESS_KEY)).isWaitingAt(MeetingRemindersFlow.SEND_REMINDER_24H);

        meetingEvent("MEETING_RESCHEDULED", meetingId, newTime);
        runDueJobs();

        assertThat(sent()).containsExactly(CONFIRMATION, CONFIRMATION);
        remindersRunUntilTheMeetings();
        assertThat(sent()).containsExactly(CONFIRMATION, CONFIRMATION, REMINDER_24H, REMINDER_1H);
        assertThat(reminderTimes()).allMatch(parameter -> parameter.equals("14 de mar. de 2026 12:00"));
    }

    @Test
    void aDuplicateBookingAtAnotherTimeIsTakenAsAReschedule() {
        ProcessInstance booking = booked();

        assertThat(meetingEvent("MEETING_BOOKED", meetingId, newTime).getBody())
                .contains("booked again for another time, taken as a reschedule");
        runDueJobs();

        assertThat(meetingFlowOf(MeetingBookingFlow.PROCESS_KEY, meetingId).getId()).isEqualTo(booking.getId());
        assertThat(sent()).containsExactly(CONFIRMATION, CONFIRMATION);
        assertThat(runtime.getVariable(booking.getId(), FlowVariables.MEETING_STARTS_AT)).isEqualTo(newTime.toString());
    }

    @Test
    void aRescheduleToTheSameTimeChangesNothing() {
        booked();

        assertThat(meetingEvent("MEETING_RESCHEDULED", meetingId, oldTime).getBody())
                .contains("already at this time: nothing to do");
        runDueJobs();

        assertThat(sent()).containsExactly(CONFIRMATION);
    }

    @Test
    void aRescheduleOfAMeetingWithoutAFlowStartsOneForTheNewTime() {
        consentedLeadWithoutWelcome();

        assertThat(meetingEvent("MEETING_RESCHEDULED", meetingId, newTime).getBody())
                .contains("had no running flow: booking confirmation started for the new time");
        runDueJobs();

        assertThat(sent()).containsExactly(CONFIRMATION);
    }

    @Test
    void theLeadsRescheduleRequestCancelsTheRemindersAndTheCrmsNewTimeRestartsThem() {
        ProcessInstance booking = booked();
        ProcessInstance oldReminders = flowOf(MeetingRemindersFlow.PROCESS_KEY);

        assertThat(taps(FlowPort.MeetingReply.RESCHEDULE, meetingId)).isEqualTo(1);
        runDueJobs();

        assertThat(oldReminders).isEnded();
        ProcessInstance rescheduling = flowOf(MeetingReschedulingFlow.PROCESS_KEY);
        assertThat(rescheduling).isWaitingAt(MeetingReschedulingFlow.AGREE_NEW_TIME);
        assertThat(sent()).containsExactly(CONFIRMATION, "leadflow_meeting_reschedule_requested");
        Task task = openTask(rescheduling);
        assertThat(task.getAssignee()).isEqualTo("maria");
        assertThat(task.getName()).isEqualTo("Agree a new time with the lead: Ana");
        // the form names the lead and shows the meeting at the lead's clock, not ids and UTC
        assertThat(tasks.getVariablesLocal(task.getId())).containsEntry("leadName", "Ana")
                .containsEntry("meetingLocalTime", dev.leadflow.messaging.PlainWords.localTime(oldTime,
                        "America/Sao_Paulo"))
                .containsKey("leadPhone");
        at(oldTime.minus(Duration.ofHours(1)));
        assertThat(sent()).hasSize(2);

        meetingEvent("MEETING_RESCHEDULED", meetingId, newTime);
        runDueJobs();

        assertThat(rescheduling).isEnded();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(leadId).count()).isZero();
        remindersRunUntilTheMeetings();
        assertThat(sent()).containsExactly(CONFIRMATION, "leadflow_meeting_reschedule_requested", CONFIRMATION,
                REMINDER_24H, REMINDER_1H);
        assertThat(booking).isEnded().hasPassed(MeetingBookingFlow.END_MEETING_START_REACHED);
    }

    @Test
    void anOwnerClosingTheRequestWithoutANewTimeEndsTheMeetingFlow() {
        ProcessInstance booking = booked();
        taps(FlowPort.MeetingReply.RESCHEDULE, meetingId);
        runDueJobs();
        ProcessInstance rescheduling = flowOf(MeetingReschedulingFlow.PROCESS_KEY);

        tasks.complete(openTask(rescheduling).getId(), Map.of("ownerNote", "the lead gave up"));

        assertThat(rescheduling).isEnded().hasPassed(MeetingReschedulingFlow.END_REQUEST_CLOSED);
        assertThat(booking).isEnded().hasPassed(MeetingBookingFlow.END_NOT_RESCHEDULED);
        remindersRunUntilTheMeetings();
        assertThat(sent()).containsExactly(CONFIRMATION, "leadflow_meeting_reschedule_requested");
    }

    @Test
    void aCancelWhileWaitingForANewTimeEndsEverything() {
        ProcessInstance booking = booked();
        taps(FlowPort.MeetingReply.RESCHEDULE, meetingId);
        runDueJobs();

        meetingEvent("MEETING_CANCELLED", meetingId, null);

        assertThat(booking).isEnded().hasPassed(MeetingBookingFlow.END_CANCELLED);
        assertThat(engine.instancesOf(leadId)).isEmpty();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(leadId).count()).isZero();
    }

    @Test
    void anAcknowledgementThatCannotBeSentStillGivesTheOwnerTheTask() {
        booked();
        cloudApi.failNextSends(132001, 1);

        taps(FlowPort.MeetingReply.RESCHEDULE, meetingId);
        runDueJobs();

        ProcessInstance rescheduling = flowOf(MeetingReschedulingFlow.PROCESS_KEY);
        assertThat(rescheduling).isWaitingAt(MeetingReschedulingFlow.SEND_ACK);
        ProcessInstance acknowledgement = flowOf(SendStepFlow.PROCESS_KEY);
        assertThat(acknowledgement).isWaitingAt(SendStepFlow.HANDLE_SEND_FAILURE);
        opsDecide(acknowledgement, "skip");
        assertThat(rescheduling).isWaitingAt(MeetingReschedulingFlow.AGREE_NEW_TIME);
        assertThat(sent()).containsExactly(CONFIRMATION);
    }

    @Test
    void optingOutWhileWaitingForANewTimeEndsBothFlows() {
        ProcessInstance booking = booked();
        taps(FlowPort.MeetingReply.RESCHEDULE, meetingId);
        runDueJobs();

        event("OPTED_OUT", "");

        assertThat(booking).isEnded().hasPassed(MeetingBookingFlow.END_OPTED_OUT);
        assertThat(engine.instancesOf(leadId)).isEmpty();
    }

    @Test
    void aSecondTapOnRescheduleIsHarmless() {
        booked();
        taps(FlowPort.MeetingReply.RESCHEDULE, meetingId);
        runDueJobs();

        assertThat(taps(FlowPort.MeetingReply.RESCHEDULE, meetingId)).isZero();
        runDueJobs();

        assertThat(sent()).containsExactly(CONFIRMATION, "leadflow_meeting_reschedule_requested");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(leadId).count()).isEqualTo(1);
    }

    private ProcessInstance booked() {
        consentedLeadWithoutWelcome();
        meetingEvent("MEETING_BOOKED", meetingId, oldTime);
        runDueJobs();
        assertThat(sent()).containsExactly(CONFIRMATION);
        return meetingFlowOf(MeetingBookingFlow.PROCESS_KEY, meetingId);
    }

    /** Every reminder moment of the old and the new time passes, in order, until both meetings started. */
    private void remindersRunUntilTheMeetings() {
        for (Instant meeting : List.of(oldTime, newTime)) {
            for (Duration before : List.of(Duration.ofHours(24), Duration.ofHours(1), Duration.ZERO)) {
                if (meeting.minus(before).isAfter(Engine.now())) {
                    at(meeting.minus(before));
                }
            }
        }
    }

    private List<String> reminderTimes() {
        return cloudApi.received(phone).stream().filter(message -> message.templateName().startsWith(
                "leadflow_meeting_reminder")).map(message -> message.parameters().get(1)).toList();
    }
}
