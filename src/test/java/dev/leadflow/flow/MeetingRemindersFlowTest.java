package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.leadflow.tracking.TimelineEntry;
import dev.leadflow.tracking.TimelineService;

/** Every path of processes/meeting-reminders.bpmn, called by the booking confirmation. */
class MeetingRemindersFlowTest extends FlowScenarioTest {

    private final String meetingId = "mtg-" + leadId;

    @Autowired
    private TimelineService timeline;

    @Test
    void remindersGoOut24HoursAnd1HourBeforeTheMeeting() {
        Instant startsAt = START.plus(Duration.ofDays(3));
        ProcessInstance reminders = remindersOfMeetingAt(startsAt);

        at(startsAt.minus(Duration.ofHours(24)).minusSeconds(1));
        assertThat(sent()).containsExactly("leadflow_meeting_confirmation");
        at(startsAt.minus(Duration.ofHours(24)));
        assertThat(sent()).containsExactly("leadflow_meeting_confirmation", "leadflow_meeting_reminder_24h");
        at(startsAt.minus(Duration.ofHours(1)).minusSeconds(1));
        assertThat(sent()).hasSize(2);
        at(startsAt.minus(Duration.ofHours(1)));

        assertThat(sent()).containsExactly("leadflow_meeting_confirmation", "leadflow_meeting_reminder_24h",
                "leadflow_meeting_reminder_1h");
        assertThat(reminders).isEnded().hasPassed(MeetingRemindersFlow.END_DONE)
                .hasNotPassed(MeetingRemindersFlow.SKIPPED_24H, MeetingRemindersFlow.SKIPPED_1H);
        assertThat(cloudApi.received(phone).get(2).parameters())
                .containsExactly("Ana", "12 de mar. de 2026 12:00", "https://meet.example/" + meetingId);
    }

    @Test
    void aMeetingBookedThirtyMinutesAheadSkipsBothRemindersWithTheReasonRecorded() {
        Instant startsAt = START.plus(Duration.ofMinutes(30));
        ProcessInstance reminders = remindersOfMeetingAt(startsAt);

        assertThat(reminders).isEnded().hasPassed(MeetingRemindersFlow.SKIPPED_24H, MeetingRemindersFlow.SKIPPED_1H,
                MeetingRemindersFlow.END_DONE);
        at(startsAt);
        assertThat(sent()).containsExactly("leadflow_meeting_confirmation");
        assertThat(timeline.timeline(leadId)).extracting(TimelineEntry::step)
                .contains("24 h reminder skipped: its moment had passed", "1 h reminder skipped: its moment had passed");
    }

    @Test
    void aMeetingBookedFiveHoursAheadSkipsOnlyThe24HourReminder() {
        Instant startsAt = START.plus(Duration.ofHours(5));
        ProcessInstance reminders = remindersOfMeetingAt(startsAt);
        assertThat(reminders).hasPassed(MeetingRemindersFlow.SKIPPED_24H).isWaitingAt(MeetingRemindersFlow.WAIT_1H);

        at(startsAt.minus(Duration.ofHours(1)));

        assertThat(sent()).containsExactly("leadflow_meeting_confirmation", "leadflow_meeting_reminder_1h");
        assertThat(reminders).isEnded().hasNotPassed(MeetingRemindersFlow.SKIPPED_1H);
    }

    @Test
    void aReminderDelayedPastItsMomentIsStillSentButTheNextOneIsSkipped() {
        Instant startsAt = START.plus(Duration.ofDays(2));
        ProcessInstance reminders = remindersOfMeetingAt(startsAt);

        at(startsAt.minus(Duration.ofMinutes(30)));

        assertThat(sent()).containsExactly("leadflow_meeting_confirmation", "leadflow_meeting_reminder_24h");
        assertThat(reminders).isEnded().hasPassed(MeetingRemindersFlow.SKIPPED_1H);
    }

    @Test
    void aReminderThatCannotBeSentGoesToOpsAndTheMeetingFlowGoesOn() {
        Instant startsAt = START.plus(Duration.ofDays(3));
        ProcessInstance reminders = remindersOfMeetingAt(startsAt);
        cloudApi.failNextSends(132001, 1);

        at(startsAt.minus(Duration.ofHours(24)));
        assertThat(reminders).isWaitingAt(MeetingRemindersFlow.HANDLE_REMINDER_24H_FAILURE);
        opsDecide(reminders, "numberInvalid");

        assertThat(reminders).isEnded().hasPassed(MeetingRemindersFlow.END_REMINDER_24H_NUMBER_INVALID);
        assertThat(meetingFlowOf(MeetingBookingFlow.PROCESS_KEY, meetingId))
                .isWaitingAt(MeetingBookingFlow.WAIT_MEETING_START);
    }

    @Test
    void optingOutEndsTheReminders() {
        Instant startsAt = START.plus(Duration.ofDays(3));
        ProcessInstance reminders = remindersOfMeetingAt(startsAt);

        event("OPTED_OUT", "");

        assertThat(reminders).isEnded();
        at(startsAt);
        assertThat(sent()).containsExactly("leadflow_meeting_confirmation");
    }

    private ProcessInstance remindersOfMeetingAt(Instant startsAt) {
        consentedLeadWithoutWelcome();
        meetingEvent("MEETING_BOOKED", meetingId, startsAt);
        runDueJobs();
        assertThat(sent()).containsExactly("leadflow_meeting_confirmation");
        ProcessInstance reminders = anyFlowOf(MeetingRemindersFlow.PROCESS_KEY);
        assertThat(reminders).isNotNull();
        return reminders;
    }
}
