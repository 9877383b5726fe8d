package dev.leadflow.messaging;

/** The channel accepted the message under this id (a wamid for WhatsApp). */
public record ChannelReceipt(String messageId, String messageStatus) {
}
