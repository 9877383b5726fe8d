package dev.leadflow.flow;

/** Names in {@code processes/meeting-reminders.bpmn}. */
public final class MeetingRemindersFlow {

    public static final String PROCESS_KEY = "meetingReminders";

    public static final String WAIT_24H = "Wait24h";
    public static final String SEND_REMINDER_24H = "SendReminder24h";
    public static final String SKIPPED_24H = "Skipped24h";
    public static final String HANDLE_REMINDER_24H_FAILURE = "HandleSendReminder24hFailure";
    public static final String END_REMINDER_24H_NUMBER_INVALID = "EndSendReminder24hNumberInvalid";
    public static final String WAIT_1H = "Wait1h";
    public static final String SEND_REMINDER_1H = "SendReminder1h";
    public static final String SKIPPED_1H = "Skipped1h";
    public static final String END_DONE = "EndRemindersDone";
    public static final String END_OPTED_OUT = "EndOptedOut";

    private MeetingRemindersFlow() {
    }
}
