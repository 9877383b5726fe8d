package dev.leadflow.crm;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * The CRM API for adapters inside Leadflow (HubSpot, Pipedrive, ...): the same rules, validation and
 * idempotency as {@code PUT /api/leads/{leadId}} and {@code POST /api/leads/{leadId}/events}, without HTTP.
 * A rejected lead or event throws {@link InvalidFieldException} and writes nothing.
 */
@Component
public class CrmIntake {

    /** A lead as a CRM adapter read it. */
    public record IncomingLead(String phone, String name, String locale, String timezone, String status,
                               Boolean consent, String owner, String source, Map<String, String> attributes) {
    }

    /** A CRM event as an adapter read it; {@code type} is one of the CRM API's event types. */
    public record IncomingEvent(String eventId, String type, OffsetDateTime occurredAt, String meetingId,
                                OffsetDateTime startsAt, OffsetDateTime endsAt, String timezone, String joinUrl,
                                String status) {
    }

    private final LeadService leads;
    private final CrmEventService events;
    private final Validator validator;

    CrmIntake(LeadService leads, CrmEventService events, Validator validator) {
        this.leads = leads;
        this.events = events;
        this.validator = validator;
    }

    /** @return true when the lead was created */
    public boolean putLead(String leadId, IncomingLead lead) {
        checkLeadId(leadId);
        LeadRequest request = new LeadRequest(lead.phone(), lead.name(), lead.locale(), lead.timezone(),
                lead.status(), lead.consent() == null ? null : new LeadRequest.Consent(lead.consent(), null),
                lead.owner(), lead.source(), lead.attributes());
        valid(request);
        return leads.upsert(leadId, request).created();
    }

    public boolean knowsLead(String leadId) {
        try {
            leads.get(leadId);
            return true;
        } catch (UnknownLeadException e) {
            return false;
        }
    }

    /** @return true when the event was new; a repeated eventId has no further effect */
    public boolean event(String leadId, IncomingEvent event) {
        checkLeadId(leadId);
        CrmEventType type;
        try {
            type = CrmEventType.valueOf(event.type());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidFieldException("type", "not a Leadflow event type: " + event.type());
        }
        CrmEventRequest.Meeting meeting = event.meetingId() == null ? null : new CrmEventRequest.Meeting(
                event.meetingId(), event.startsAt(), event.endsAt(), event.timezone(), event.joinUrl());
        CrmEventRequest request = new CrmEventRequest(event.eventId(), type, event.occurredAt(), meeting,
                event.status());
        valid(request);
        return events.accept(leadId, request).firstTime();
    }

    private static void checkLeadId(String leadId) {
        if (leadId == null || !leadId.matches(LeadController.LEAD_ID_PATTERN)) {
            throw new InvalidFieldException("leadId", "1 to 128 letters, digits, '.', '_' or '-'");
        }
    }

    private <T> void valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        violations.stream().min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .ifPresent(v -> {
                    throw new InvalidFieldException(v.getPropertyPath().toString(), v.getMessage());
                });
    }
}
