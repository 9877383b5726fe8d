package dev.leadflow.legacy;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one mapping of status words ({@code leadflow.legacy.message-statuses} and {@code .lead-statuses}),
 * used wherever a CRM or legacy status word enters Leadflow. A word it does not know is reported by the
 * caller and never guessed.
 */
@Component
public class StatusWords {

    private static final Logger log = LoggerFactory.getLogger(StatusWords.class);

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
    private final StatusMapping leadStatuses;

    StatusWords(LegacyProperties properties) {
        this.messageStatuses = new StatusMapping(properties.messageStatuses());
        this.leadStatuses = new StatusMapping(properties.leadStatuses());
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

    /** The canonical lead status of a CRM word ("new_lead", " NEW " -> NEW), empty when the mapping lacks it. */
    public Optional<String> leadStatus(String word) {
        return leadStatuses.meaning(word).canonical();
    }

    /**
     * The word to compare with configured statuses (such as {@code leadflow.leads.closed-statuses}): the canonical
     * status, or the word itself, trimmed, when the mapping does not know it (logged: add it to the mapping).
     */
    public String leadStatusOrWord(String word) {
        if (word == null) {
            return null;
        }
        Optional<String> canonical = leadStatus(word);
        if (canonical.isEmpty() && !word.isBlank()) {
            log.warn("CRM status '{}' is not in leadflow.legacy.lead-statuses: taken as it is", word.strip());
        }
        return canonical.orElse(word.strip());
    }

    /** Every listed spelling (lower case) of these statuses, canonical names included. */
    public List<String> leadStatusSpellings(Collection<String> statuses) {
        return java.util.stream.Stream.concat(statuses.stream().map(StatusMapping::normalise),
                leadStatuses.spellingsOf(statuses.stream().map(this::leadStatusOrWord).toList()).stream())
                .distinct().toList();
    }
}
