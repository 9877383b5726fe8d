package dev.leadflow.crm;

import java.time.Instant;
import java.util.Map;

/** A lead as Leadflow keeps it: the CRM's data, normalised. */
record Lead(
        String leadId,
        String phone,
        String name,
        String locale,
        String timezone,
        String status,
        boolean consented,
        Instant consentAt,
        String owner,
        String source,
        Map<String, String> attributes,
        Instant welcomeStartedAt,
        Instant lastInboundAt,
        Instant createdAt,
        Instant updatedAt) {
}
