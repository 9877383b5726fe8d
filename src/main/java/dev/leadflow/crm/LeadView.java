package dev.leadflow.crm;

import java.time.Instant;
import java.util.Map;

/** A lead as the API shows it. */
record LeadView(String leadId, String phone, String name, String locale, String timezone, String status,
                Map<String, Object> consent, String owner, String source, Map<String, String> attributes,
                Instant welcomeStartedAt, Instant createdAt, Instant updatedAt) {

    static LeadView of(Lead lead) {
        Map<String, Object> consent = new java.util.LinkedHashMap<>();
        consent.put("whatsapp", lead.consented());
        consent.put("at", lead.consentAt());
        return new LeadView(lead.leadId(), lead.phone(), lead.name(), lead.locale(), lead.timezone(), lead.status(),
                consent, lead.owner(), lead.source(), lead.attributes(), lead.welcomeStartedAt(), lead.createdAt(),
                lead.updatedAt());
    }
}
