package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import dev.leadflow.support.Engine;
import dev.leadflow.support.TestLeads;
import dev.leadflow.whatsapp.sandbox.SandboxMessage;

/** Every exit of processes/meeting-booking.bpmn but the reschedules (see ReschedulingFlowTest). */
class BookingConfirmationFlowTest extends FlowScenarioTest {

    private final String meetingId = "mtg-" + leadId;
    private final Instant startsAt = START.plus(Duration.ofDays(3));

    @Test
    void theConfirmationShowsTheTimeInTheLeadsZoneAndLocaleWithConfirmAndRescheduleButtons() {
        ProcessInstance booking = booked();

        runDueJobs();

        SandboxMessage confirmation = cloudApi.received(phone).get(0);
        assertThat(confirmation.templateName()).isEqualTo("leadflow_meeting_confirmation");
        assertThat(confirmation.language()).isEqualTo("pt_BR");
        assertThat(confirmation.parameters()).containsExactly("Ana", "12 de mar. de 2026 12:00");
        assertThat(confirmation.quickReplies()).containsExactly("CONFIRM:" + meetingId, "RESCHEDULE:" + meetingId);
        assertThat(booking).isWaitingAt(MeetingBookingFlow.REMINDERS);
    }

    @Test
    void theFlowEndsWhenTheMeetingStartsAfterTheReminders() {
        ProcessInstance booking = booked();
        runDueJobs();

        at(startsAt.minus(Duration.ofHours(24)));
        at(startsAt.minus(Duration.ofHours(1)));
        at(startsAt.minusSeconds(1));
        assertThat(booking).isWaitingAt(MeetingBookingFlow.WAIT_MEETING_START);
        at(startsAt);

        assertThat(booking).isEnded().hasPassed(MeetingBookingFlow.END_MEETING_START_REACHED);
        assertThat(sent()).containsExactly("leadflow_meeting_confirmation", "leadflow_meeting_reminder_24h",
                "leadflow_meeting_reminder_1h");
    }

    @Test
    void theLeadsConfirmIsRecordedAndTheRemindersGoOn() {
        ProcessInstance booking = booked();
        runDueJobs();

        assertThat(taps(FlowPort.MeetingReply.CONFIRM, meetingId)).isEqualTo(1);

        assertThat(booking).hasPassed(MeetingBookingFlow.END_LEAD_CONFIRMED).isWaitingAt(MeetingBookingFlow.REMINDERS);
        at(startsAt.minus(Duration.ofHours(24)));
        at(startsAt.minus(Duration.ofHours(1)));
        at(startsAt);
        assertThat(sent()).hasSize(3);
        assertThat(booking).isEnded().hasPassed(MeetingBookingFlow.END_MEETING_START_REACHED);
    }

    @Test
    void aCancelEndsTheFlowAndItsReminders() {
        ProcessInstance booking = booked();
        runDueJobs();
        ProcessInstance reminders = flowOf(MeetingRemindersFlow.PROCESS_KEY);

        assertThat(meetingEvent("MEETING_CANCELLED", meetingId, null).getBody())
                .contains("flows of meeting " + meetingId + " ended by the cancellation: 1");

        assertThat(booking).isEnded().hasPassed(MeetingBookingFlow.END_CANCELLED);
        assertThat(reminders).isEnded();
        Engine.setNow(startsAt);
        runDueJobs();
        assertThat(sent()).containsExactly("leadflow_meeting_confirmation");
    }

    @Test
    void aDuplicateBookingForTheSameTimeChangesNothing() {
        ProcessInstance booking = booked();
        runDueJobs();

        assertThat(meetingEvent("MEETING_BOOKED", meetingId, startsAt).getBody())
                .contains("already booked for this time: nothing to do");
        runDueJobs();

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(MeetingBookingFlow.PROCESS_KEY)
                .processInstanceBusinessKey(leadId).count()).isEqualTo(1);
        assertThat(booking).isWaitingAt(MeetingBookingFlow.REMINDERS);
        assertThat(sent()).containsExactly("leadflow_meeting_confirmation");
    }

    @Test
    void twoMeetingsOfOneLeadRunSideBySide() {
        booked();
        Instant later = startsAt.plus(Duration.ofDays(7));
        meetingEvent("MEETING_BOOKED", meetingId + "-2", later);
        runDueJobs();

        assertThat(meetingFlowOf(MeetingBookingFlow.PROCESS_KEY, meetingId)).isNotNull();
        assertThat(meetingFlowOf(MeetingBookingFlow.PROCESS_KEY, meetingId + "-2")).isNotNull();
        assertThat(sent()).containsExactly("leadflow_meeting_confirmation", "leadflow_meeting_confirmation");
    }

    @Test
    void aLeadWithoutConsentGetsNoMeetingFlow() {
        putLead(leadId, TestLeads.leadJson(phone, false));

        assertThat(meetingEvent("MEETING_BOOKED", meetingId, startsAt).getBody()).contains("no WhatsApp consent");

        assertThat(engine.instancesOf(leadId)).isEmpty();
    }

    @Test
    void optingOutEndsTheMeetingFlowAndItsReminders() {
        ProcessInstance booking = booked();
        runDueJobs();
        ProcessInstance reminders = flowOf(MeetingRemindersFlow.PROCESS_KEY);

        event("OPTED_OUT", "");

        assertThat(booking).isEnded().hasPassed(MeetingBookingFlow.END_OPTED_OUT);
        assertThat(reminders).isEnded();
        Engine.setNow(startsAt);
        runDueJobs();
        assertThat(sent()).containsExactly("leadflow_meeting_confirmation");
    }

    @Test
    void aConfirmationThatCannotBeSentGoesToOpsWhoMayEndTheFlow() {
        ProcessInstance booking = booked();
        cloudApi.failNextSends(132001, 1);

        runDueJobs();

        assertThat(booking).isWaitingAt(MeetingBookingFlow.HANDLE_CONFIRMATION_FAILURE);
        opsDecide(booking, "numberInvalid");
        assertThat(booking).isEnded().hasPassed(MeetingBookingFlow.END_CONFIRMATION_NUMBER_INVALID,
                MeetingBookingFlow.END_NUMBER_INVALID);
        assertThat(cloudApi.received(phone)).isEmpty();
    }

    private ProcessInstance booked() {
        consentedLeadWithoutWelcome();
        assertThat(meetingEvent("MEETING_BOOKED", meetingId, startsAt).getBody())
                .contains("booking confirmation started for meeting " + meetingId);
        ProcessInstance booking = meetingFlowOf(MeetingBookingFlow.PROCESS_KEY, meetingId);
        assertThat(booking).isNotNull().isWaitingAt(MeetingBookingFlow.SEND_CONFIRMATION);
        return booking;
    }
}
