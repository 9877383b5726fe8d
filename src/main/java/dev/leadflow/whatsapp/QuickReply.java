package dev.leadflow.whatsapp;

import java.util.Optional;

import dev.leadflow.flow.FlowPort.MeetingReply;

/** A meeting quick reply: the payload {@code CONFIRM:<meetingId>} or {@code RESCHEDULE:<meetingId>}. */
record QuickReply(MeetingReply reply, String meetingId) {

    static Optional<QuickReply> parse(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        int colon = payload.indexOf(':');
        if (colon < 0 || colon == payload.length() - 1) {
            return Optional.empty();
        }
        String meetingId = payload.substring(colon + 1).strip();
        return switch (payload.substring(0, colon)) {
            case "CONFIRM" -> Optional.of(new QuickReply(MeetingReply.CONFIRM, meetingId));
            case "RESCHEDULE" -> Optional.of(new QuickReply(MeetingReply.RESCHEDULE, meetingId));
            default -> Optional.empty();
        };
    }
}
