package dev.leadflow.crm;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A lead as the API shows it.
 *
 * @param whatsapp what Meta told of the lead (business-scoped user id, username, first ad); only on a read
 */
record LeadView(String leadId, String phone, String name, String locale, String timezone, String status,
                Map<String, Object> consent, String owner, String source, Map<String, String> attributes,
                Instant welcomeStartedAt, Instant createdAt, Instant updatedAt,
                @JsonInclude(JsonInclude.Include.NON_NULL) LeadIdentityStore.WhatsAppIdentity whatsapp) {

    static LeadView of(Lead lead, LeadIdentityStore.WhatsAppIdentity whatsapp) {
        LeadView view = of(lead);
        return new LeadView(view.leadId(), view.phone(), view.name(), view.locale(), view.timezone(), view.status(),
                view.consent(), view.owner(), view.source(), view.attributes(), view.welcomeStartedAt(),
                view.createdAt(), view.updatedAt(), whatsapp);
    }

    static LeadView of(Lead lead) {
        Map<String, Object> consent = new java.util.LinkedHashMap<>();
        consent.put("whatsapp", lead.consented());
        consent.put("at", lead.consentAt());
        return new LeadView(lead.leadId(), lead.phone(), lead.name(), lead.locale(), lead.timezone(), lead.status(),
                consent, lead.owner(), lead.source(), lead.attributes(), lead.welcomeStartedAt(), lead.createdAt(),
                lead.updatedAt(), null);
    }
}
