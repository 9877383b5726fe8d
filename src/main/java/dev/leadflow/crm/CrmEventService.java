package dev.leadflow.crm;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.flow.FlowConflicts;
import dev.leadflow.flow.FlowPort;

/**
 * Ingests CRM events once per {@code eventId}: the event, its effects and its result are written in one
 * transaction, and a repeat gets the first result back.
 */
@Service
class CrmEventService {

    private final JdbcClient jdbc;
    private final LeadDirectory leads;
    private final FlowPort flows;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final LeadStatuses statuses;
    private final LeadStatusWords words;

    CrmEventService(JdbcClient jdbc, LeadDirectory leads, FlowPort flows, ObjectMapper json, Clock clock,
                    PlatformTransactionManager transactionManager, LeadStatuses statuses, LeadStatusWords words) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.flows = flows;
        this.statuses = statuses;
        this.words = words;
        this.json = json;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** The result of an event, and whether it was new. */
    record Accepted(Map<String, Object> result, boolean firstTime) {
    }

    Accepted accept(String leadId, CrmEventRequest event) {
        validate(event);
        return FlowConflicts.retry(() -> {
            try {
                return transaction.execute(status -> acceptOnce(leadId, event));
            } catch (DuplicateKeyException concurrentRepeat) {
                return transaction.execute(status -> acceptOnce(leadId, event));
            }
        });
    }

    private Accepted acceptOnce(String leadId, CrmEventRequest event) {
        Optional<Map<String, Object>> earlier = storedResult(event.eventId());
        if (earlier.isPresent()) {
            return new Accepted(earlier.get(), false);
        }
        Lead lead = leads.find(leadId, true).orElseThrow(() -> new UnknownLeadException(leadId));
        Instant now = clock.instant();
        List<String> actions = apply(lead, event, now);
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("eventId", event.eventId());
        result.put("leadId", leadId);
        result.put("type", event.type().name());
        result.put("status", "accepted");
        result.put("actions", actions);
        result.put("acceptedAt", now.toString());
        jdbc.sql("""
                insert into crm_event (event_id, lead_id, type, occurred_at, payload, result, received_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(event.eventId(), leadId, event.type().name(), event.occurredAt(), write(event), write(result),
                        now.atOffset(ZoneOffset.UTC))
                .update();
        return new Accepted(result, true);
    }

    private List<String> apply(Lead lead, CrmEventRequest event, Instant now) {
        String leadId = lead.leadId();
        List<String> actions = new ArrayList<>();
        switch (event.type()) {
            case OPTED_OUT -> {
                leads.updateConsent(leadId, false, now);
                actions.add("consent withdrawn");
                actions.add("flows ended: " + flows.leadOptedOut(leadId));
            }
            case OPTED_IN -> {
                leads.updateConsent(leadId, true, now);
                actions.add("consent granted");
            }
            case STATUS_CHANGED -> {
                leads.updateStatus(leadId, event.status(), now);
                actions.add("status set to " + event.status());
                if (words.leadStatus(event.status()).isEmpty()) {
                    actions.add("status '" + event.status().strip() + "' is not in the status mapping"
                            + " (leadflow.leads.status-words): taken as it is");
                }
                if (statuses.isClosed(words.leadStatusOrWord(event.status()))) {
                    actions.add(flows.leadClosed(leadId));
                }
            }
            case MEETING_CANCELLED -> actions.add(flows.meetingCancelled(leadId, event.meeting().id()));
            case DEAL_WON, DEAL_LOST -> actions.add(flows.dealClosed(leadId, event.type() == CrmEventType.DEAL_WON));
            case MEETING_BOOKED, MEETING_RESCHEDULED, MEETING_NO_SHOW, MEETING_COMPLETED -> {
                if (!lead.consented()) {
                    actions.add("no WhatsApp consent: no meeting flow started");
                } else {
                    actions.add(startMeetingFlow(lead, event));
                }
            }
        }
        return actions;
    }

    private String startMeetingFlow(Lead lead, CrmEventRequest event) {
        CrmEventRequest.Meeting meeting = event.meeting();
        FlowPort.Meeting flowMeeting = new FlowPort.Meeting(meeting.id(),
                meeting.startsAt() == null ? null : meeting.startsAt().toInstant(), meeting.timezone(),
                meeting.joinUrl());
        return switch (event.type()) {
            case MEETING_BOOKED -> flows.meetingBooked(lead.leadId(), lead.owner(), flowMeeting);
            case MEETING_RESCHEDULED -> flows.meetingRescheduled(lead.leadId(), lead.owner(), flowMeeting);
            case MEETING_NO_SHOW -> flows.meetingNoShow(lead.leadId(), lead.owner(), flowMeeting);
            case MEETING_COMPLETED -> flows.meetingCompleted(lead.leadId(), lead.owner(), flowMeeting);
            default -> throw new IllegalArgumentException("not a meeting flow event: " + event.type());
        };
    }

    private static void validate(CrmEventRequest event) {
        CrmEventType type = event.type();
        if (type.needsMeeting() && event.meeting() == null) {
            throw new InvalidFieldException("meeting", type + " needs a meeting with an id");
        }
        if (type.needsMeetingTime() && event.meeting().startsAt() == null) {
            throw new InvalidFieldException("meeting.startsAt", type + " needs the meeting's start time");
        }
        if (type == CrmEventType.STATUS_CHANGED && (event.status() == null || event.status().isBlank())) {
            throw new InvalidFieldException("status", "STATUS_CHANGED needs the new status");
        }
        if (event.meeting() != null && event.meeting().timezone() != null) {
            try {
                ZoneId.of(event.meeting().timezone());
            } catch (DateTimeException e) {
                throw new InvalidFieldException("meeting.timezone", "not an IANA time zone: " + event.meeting().timezone());
            }
        }
        if (event.meeting() != null && event.meeting().startsAt() != null && event.meeting().endsAt() != null
                && event.meeting().endsAt().isBefore(event.meeting().startsAt())) {
            throw new InvalidFieldException("meeting.endsAt", "the meeting ends before it starts");
        }
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> storedResult(String eventId) {
        return jdbc.sql("select result from crm_event where event_id = ?").param(eventId).query(String.class).optional()
                .map(stored -> {
                    try {
                        return json.readValue(stored, Map.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("Stored event result is not JSON", e);
                    }
                });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
