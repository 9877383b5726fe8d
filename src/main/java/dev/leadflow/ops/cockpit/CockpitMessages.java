package dev.leadflow.ops.cockpit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.messaging.MessageLedger;
import dev.leadflow.messaging.Recipient;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.messaging.StatusReport;
import dev.leadflow.observability.PhoneMasking;
import dev.leadflow.tracking.StepNames;
import dev.leadflow.whatsapp.InboundHistory;

/** What the Cockpit plugin shows: a process instance's lead's messages, and today's sends. */
@Component
public class CockpitMessages {

    private final HistoryService history;
    private final MessageLedger ledger;
    private final TodaysSends todaysSends;
    private final RecipientDirectory leads;
    private final StepNames names;
    private final InboundHistory inbound;

    CockpitMessages(HistoryService history, MessageLedger ledger, TodaysSends todaysSends, RecipientDirectory leads,
                    StepNames names, InboundHistory inbound) {
        this.history = history;
        this.ledger = ledger;
        this.todaysSends = todaysSends;
        this.leads = leads;
        this.names = names;
        this.inbound = inbound;
    }

    /** Every message of the instance's lead (all its flows, this one marked), oldest first. */
    public Optional<InstanceMessages> ofInstance(String processInstanceId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        String leadId = instance.getBusinessKey();
        List<Message> messages = leadId == null ? List.of() : ledger.findByLead(leadId).stream()
                .map(attempt -> message(attempt, instance.getProcessDefinitionKey()))
                .toList();
        String leadName = leadId == null ? null : leads.find(leadId).map(Recipient::name).orElse(null);
        List<InboundHistory.Received> received = leadId == null ? List.of() : inbound.ofLead(leadId);
        return Optional.of(new InstanceMessages(leadId, leadName, instance.getProcessDefinitionKey(), messages,
                received));
    }

    public TodaysSends.Summary today() {
        return todaysSends.summary();
    }

    private Message message(MessageAttempt attempt, String flowOfInstance) {
        List<Status> statuses = attempt.wamid() == null ? List.of() : ledger.statusHistory(attempt.wamid()).stream()
                .map(CockpitMessages::status).toList();
        return new Message(attempt.id(), attempt.createdAt(), attempt.flow(), attempt.flow().equals(flowOfInstance), attempt.step(),
                names.ofStep(attempt.flow(), attempt.step()),
                attempt.templateName(), attempt.language(), attempt.category(), PhoneMasking.mask(attempt.recipient()),
                attempt.status().name(), attempt.statusAt() != null ? attempt.statusAt() : attempt.updatedAt(),
                attempt.errorCode(), attempt.errorDetail(), attempt.requests(), statuses);
    }

    private static Status status(StatusReport report) {
        return new Status(report.status().name(), report.occurredAt(), report.errorCode(), report.errorDetail());
    }

    /** @param received what the lead sent: kind, a safe summary, the media id to fetch */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstanceMessages(String leadId, String leadName, String flow, List<Message> messages,
                                   List<InboundHistory.Received> received) {
    }

    /**
     * One logical message of the ledger.
     *
     * @param id         the attempt's id, for a re-send
     * @param ofThisFlow whether the process instance being viewed sent it
     * @param stepName   the step as its diagram names it
     * @param requests   how many times it was requested from the Cloud API
     * @param statuses   every status Meta reported, in order
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(long id, Instant at, String flow, boolean ofThisFlow, String step, String stepName, String template, String language,
                          String category, String recipient, String status, Instant statusAt, Integer errorCode,
                          String error, int requests, List<Status> statuses) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String status, Instant at, Integer errorCode, String error) {
    }
}
