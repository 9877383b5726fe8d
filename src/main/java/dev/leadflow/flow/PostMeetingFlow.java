package dev.leadflow.flow;

/** Names in {@code processes/post-meeting.bpmn}. */
public final class PostMeetingFlow {

    public static final String PROCESS_KEY = "postMeeting";

    public static final String SEND_THANK_YOU = "SendThankYou";
    public static final String ANSWER_THE_LEAD = "AnswerTheLead";
    public static final String END_NO_REPLY = "EndNoReply";
    public static final String END_OWNER_ANSWERED = "EndOwnerAnswered";
    public static final String END_DEAL_WON = "EndDealWon";
    public static final String END_DEAL_LOST = "EndDealLost";
    public static final String END_LEAD_CLOSED = "EndLeadClosed";
    public static final String END_NEXT_MEETING_BOOKED = "EndNextMeetingBooked";
    public static final String HANDLE_SEND_FAILURE = "HandlePostMeetingSendFailure";
    public static final String END_SEND_FAILED = "EndPostMeetingFailureHandled";
    public static final String END_OPTED_OUT = "EndOptedOut";

    private PostMeetingFlow() {
    }
}
