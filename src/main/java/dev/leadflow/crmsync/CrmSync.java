package dev.leadflow.crmsync;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.leadflow.crm.CrmIntake;
import dev.leadflow.crm.CrmIntake.IncomingEvent;
import dev.leadflow.crm.CrmIntake.IncomingLead;

/**
 * What every CRM adapter does with what it read: a CRM record becomes a lead through the CRM's mapping
 * (and the link between them is kept), a CRM happening becomes one of Leadflow's events, with the same
 * rules as the CRM API.
 */
@Service
public class CrmSync {

    /** A record Leadflow cannot use as a lead (no phone): not an error, reported and skipped. */
    public static final class NotALeadException extends RuntimeException {
        public NotALeadException(String message) {
            super(message);
        }
    }

    private final CrmIntake intake;
    private final CrmLinks links;
    private final Clock clock;

    CrmSync(CrmIntake intake, CrmLinks links, Clock clock) {
        this.intake = intake;
        this.links = links;
        this.clock = clock;
    }

    /** The lead a CRM record maps to, before it is written: throws what the CRM API would answer with 400. */
    public IncomingLead toLead(CrmMapping mapping, CrmRecord record) {
        Map<String, String> fields = mapping.fields();
        String phone = record.get(fields.get("phone"));
        if (phone == null) {
            throw new NotALeadException("no phone number in " + fields.get("phone"));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        mapping.attributes().forEach((name, path) -> {
            String value = record.get(path);
            if (value != null) {
                attributes.put(name, value);
            }
        });
        String consent = record.get(fields.get("consent"));
        Boolean consented = fields.containsKey("consent")
                ? consent != null && mapping.consentValues().stream().anyMatch(consent::equalsIgnoreCase)
                : null;
        return new IncomingLead(phone, record.get(fields.get("name")), record.get(fields.get("locale")),
                record.get(fields.get("timezone")), record.get(fields.get("status")), consented,
                record.get(fields.get("owner")), record.get(fields.get("source")), attributes);
    }

    /** Creates or updates the lead of a CRM record and links them. @return true when created */
    public boolean syncLead(String crm, CrmMapping mapping, String externalId, IncomingLead lead) {
        String leadId = leadIdFor(crm, mapping, externalId);
        // the lead first: a link without its lead would point nowhere; a lead without its link is found by its id
        boolean created = intake.putLead(leadId, lead);
        links.link(crm, externalId, leadId, clock.instant());
        return created;
    }

    /** A CRM happening of the record's lead; empty when Leadflow knows no lead of that record. */
    public Optional<Boolean> event(String crm, CrmMapping mapping, String externalId, IncomingEvent event) {
        String leadId = links.leadOf(crm, externalId).orElse(mapping.leadIdPrefix() + externalId);
        if (!intake.knowsLead(leadId)) {
            return Optional.empty();
        }
        return Optional.of(intake.event(leadId, event));
    }

    private String leadIdFor(String crm, CrmMapping mapping, String externalId) {
        return links.leadOf(crm, externalId).orElse(mapping.leadIdPrefix() + externalId);
    }
}
