package dev.leadflow.legacy;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.leadflow.crm.StatusMapping;

/**
 * The legacy tracking's message status words ({@code leadflow.legacy.message-statuses}); the CRM's lead status
 * words are {@link dev.leadflow.crm.LeadStatusWords}. A word it does not know is reported by the caller and
 * never guessed.
 */
@Component
public class StatusWords {

    /** What the legacy tracking says happened to one message. */
    public enum MessageStatus {
        SENT, DELIVERED, READ, FAILED,
        /** Queued or scheduled: it has not gone out. */
        PENDING,
        /** A word the mapping does not know, or none: it may have gone out, so it is never sent again. */
        UNKNOWN;

        /** Whether Leadflow must take the message as sent (the safe side: it may have been). */
        public boolean maybeSent() {
            return this != FAILED && this != PENDING;
        }
    }

    public record MessageStatusWord(MessageStatus status, Integer errorCode, boolean known) {
    }

    private final StatusMapping messageStatuses;

    StatusWords(LegacyProperties properties) {
        this.messageStatuses = new StatusMapping(properties.messageStatuses());
        List<String> valid = List.of(MessageStatus.values()).stream().map(Enum::name).toList();
        properties.messageStatuses().aliases().keySet().stream().map(name -> name.toUpperCase(Locale.ROOT))
                .filter(name -> !valid.contains(name)).findAny().ifPresent(name -> {
                    throw new IllegalStateException("leadflow.legacy.message-statuses: '" + name
                            + "' is not one of " + valid);
                });
    }

    public MessageStatusWord messageStatus(String word) {
        StatusMapping.Meaning meaning = messageStatuses.meaning(word);
        return meaning.canonical()
                .map(name -> new MessageStatusWord(MessageStatus.valueOf(name.toUpperCase(Locale.ROOT)),
                        meaning.code(), true))
                .orElseGet(() -> new MessageStatusWord(MessageStatus.UNKNOWN, null, false));
    }
}
