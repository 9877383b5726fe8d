package dev.leadflow.whatsapp.sandbox;

import java.time.Instant;
import java.util.List;

/** A message as the simulated Cloud API received it, or a reply the simulated lead sent. */
public record SandboxMessage(
        String wamid,
        Direction direction,
        String phoneNumberId,
        String to,
        String from,
        String type,
        String templateName,
        String language,
        List<String> parameters,
        List<String> quickReplies,
        String text,
        String callbackData,
        Instant receivedAt) {

    public enum Direction { OUTBOUND, INBOUND }
}
