package dev.leadflow.pipedrive;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.leadflow.crmsync.CrmMapping;

/**
 * The Pipedrive adapter (docs/pipedrive.md). Pipedrive's webhooks authenticate with HTTP Basic: the
 * webhook is created with Leadflow's CRM API login.
 *
 * @param baseUrl       the company's API ({@code https://yourcompany.pipedrive.com/api}); blank for the
 *                      built-in sandbox fake
 * @param apiToken      the API token ({@code x-api-token} header)
 * @param rateLimit     requests per {@code ratePeriod} this node allows itself (Pipedrive's burst limit is
 *                      per 2-second window and depends on the plan)
 * @param meetingTypes  the activity types that are meetings
 * @param mapping       persons to leads, deal statuses and meeting outcomes to events, events written back
 */
@ConfigurationProperties(prefix = "leadflow.pipedrive")
record PipedriveProperties(
        boolean enabled,
        String baseUrl,
        String apiToken,
        int rateLimit,
        Duration ratePeriod,
        Duration timeout,
        List<String> meetingTypes,
        CrmMapping mapping) {

    PipedriveProperties {
        rateLimit = rateLimit <= 0 ? 20 : rateLimit;
        ratePeriod = ratePeriod == null ? Duration.ofSeconds(2) : ratePeriod;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        meetingTypes = meetingTypes == null || meetingTypes.isEmpty() ? List.of("meeting") : List.copyOf(meetingTypes);
        mapping = mapping == null ? new CrmMapping(null, null, null, null, null, null, null) : mapping;
    }

    boolean usesSandbox() {
        return baseUrl == null || baseUrl.isBlank();
    }
}
