package dev.leadflow.hubspot;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.leadflow.crmsync.CrmMapping;

/**
 * The HubSpot adapter (docs/hubspot.md).
 *
 * @param enabled      off unless configured
 * @param baseUrl      HubSpot's API ({@code https://api.hubapi.com}); blank for the built-in sandbox fake
 * @param accessToken  the private app's access token (bearer)
 * @param clientSecret the app's client secret: the key of HubSpot's request signature (v3)
 * @param webhookUrl   the webhook URL exactly as configured in HubSpot, when a proxy changes what Leadflow
 *                     sees (the signature covers the URL); blank to use the request's own
 * @param rateLimit    requests per {@code ratePeriod} this node allows itself (HubSpot: 100 per 10 s for a
 *                     private app; more on higher plans)
 * @param mapping      contacts to leads, deal stages and meeting outcomes to events, events written back
 */
@ConfigurationProperties(prefix = "leadflow.hubspot")
record HubSpotProperties(
        boolean enabled,
        String baseUrl,
        String accessToken,
        String clientSecret,
        String webhookUrl,
        int rateLimit,
        Duration ratePeriod,
        Duration timeout,
        CrmMapping mapping) {

    HubSpotProperties {
        rateLimit = rateLimit <= 0 ? 100 : rateLimit;
        ratePeriod = ratePeriod == null ? Duration.ofSeconds(10) : ratePeriod;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        mapping = mapping == null ? new CrmMapping(null, null, null, null, null, null, null) : mapping;
    }

    boolean usesSandbox() {
        return baseUrl == null || baseUrl.isBlank();
    }
}
