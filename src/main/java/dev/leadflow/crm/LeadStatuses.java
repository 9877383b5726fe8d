package dev.leadflow.crm;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * Which CRM statuses mean the lead is closed (its sales flows end, it is never rewarmed): the whole status,
 * compared case-insensitively, e.g. "Lost" or "closed won" when configured so.
 *
 * @param closedStatuses {@code leadflow.leads.closed-statuses}
 * @param statusWords    {@code leadflow.leads.status-words}: the CRM's status words in any spelling to one
 *                       canonical status ({@link LeadStatusWords})
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.leads")
record LeadStatuses(List<String> closedStatuses, StatusMapping.Vocabulary statusWords) {

    static final List<String> DEFAULT_CLOSED = List.of("lost", "closed", "won", "disqualified");

    @ConstructorBinding
    LeadStatuses {
        closedStatuses = closedStatuses == null || closedStatuses.isEmpty() ? DEFAULT_CLOSED : closedStatuses;
        statusWords = statusWords == null ? new StatusMapping.Vocabulary(null, null) : statusWords;
    }

    LeadStatuses(List<String> closedStatuses) {
        this(closedStatuses, null);
    }

    boolean isClosed(String status) {
        return status != null && closedLowerCase().contains(normalise(status));
    }

    Set<String> closedLowerCase() {
        return closedStatuses.stream().map(LeadStatuses::normalise).collect(Collectors.toUnmodifiableSet());
    }

    private static String normalise(String status) {
        return status.trim().toLowerCase(Locale.ROOT);
    }
}
