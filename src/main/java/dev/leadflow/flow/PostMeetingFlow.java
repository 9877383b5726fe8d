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
    public static final String HANDLE_DAY_2_FAILURE = "HandleSendDay2FollowUpFailure";
    public static final String END_DAY_2_NUMBER_INVALID = "EndSendDay2FollowUpNumberInvalid";
    public static final String END_OPTED_OUT = "EndOptedOut";
    /** Ops marked the lead's number invalid after a send failed: the whole flow ends. */
    public static final String END_NUMBER_INVALID = "EndNumberInvalid";

    private PostMeetingFlow() {
    }
}
