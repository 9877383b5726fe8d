package dev.leadflow.crm;

/** The CRM events Leadflow understands (contract.md). */
enum CrmEventType {
    MEETING_BOOKED(true, true),
    MEETING_RESCHEDULED(true, true),
    MEETING_CANCELLED(true, false),
    MEETING_COMPLETED(true, false),
    MEETING_NO_SHOW(true, false),
    DEAL_WON(false, false),
    DEAL_LOST(false, false),
    STATUS_CHANGED(false, false),
    OPTED_OUT(false, false),
    OPTED_IN(false, false);

    private final boolean needsMeeting;
    private final boolean needsMeetingTime;

    CrmEventType(boolean needsMeeting, boolean needsMeetingTime) {
        this.needsMeeting = needsMeeting;
        this.needsMeetingTime = needsMeetingTime;
    }

    boolean needsMeeting() {
        return needsMeeting;
    }

    boolean needsMeetingTime() {
        return needsMeetingTime;
    }
}
