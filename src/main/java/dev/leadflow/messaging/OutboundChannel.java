package dev.leadflow.messaging;

/** Where messages leave Leadflow. Implemented by the WhatsApp Cloud API adapter. */
public interface OutboundChannel {

    /** The channel used when no rule picks another one. */
    String defaultChannelId();

    /**
     * Sends one message.
     *
     * @throws SendFailedException classified by {@link FailureKind}
     */
    ChannelReceipt send(OutboundMessage message);

    /** How the messaging rules treat an error code the channel reported later, in a failed status. */
    FailureKind classify(int errorCode);

    /** What an error code means, in words an operator reads ("the template does not exist ..."). */
    String plainWords(int errorCode);
}
