package dev.leadflow.messaging;

import java.time.Instant;

/**
 * One channel's state.
 *
 * @param channelId the channel (the WhatsApp phone-number id)
 * @param detail    why it is not active, for people; null when active
 * @param since     when it entered this state; null when unknown
 */
public record ChannelState(String channelId, Condition condition, String detail, Instant since) {

    /** From best to worst. */
    public enum Condition {
        /** Sends go out. */
        ACTIVE,
        /** Sending is held on purpose (a rule or an operator); messages wait. */
        PAUSED,
        /** The channel refuses to send (credentials, account blocked): someone must act. */
        FAILING
    }
}
