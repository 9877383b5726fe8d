package dev.leadflow.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.leadflow.flow.FlowPort.MeetingReply;

class QuickReplyTest {

    @Test
    void confirmAndRescheduleCarryTheMeetingId() {
        assertThat(QuickReply.parse("CONFIRM:mtg-789")).contains(new QuickReply(MeetingReply.CONFIRM, "mtg-789"));
        assertThat(QuickReply.parse("RESCHEDULE:mtg:with:colons"))
                .contains(new QuickReply(MeetingReply.RESCHEDULE, "mtg:with:colons"));
    }

    @Test
    void otherPayloadsAreNotMeetingReplies() {
        assertThat(QuickReply.parse(null)).isEmpty();
        assertThat(QuickReply.parse("CONFIRM")).isEmpty();
        assertThat(QuickReply.parse("CONFIRM:")).isEmpty();
        assertThat(QuickReply.parse("confirm:mtg-1")).isEmpty();
        assertThat(QuickReply.parse("STOP_PROMOTIONS")).isEmpty();
        assertThat(QuickReply.parse("CANCEL:mtg-1")).isEmpty();
    }
}
