package dev.leadflow.tracking;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.leadflow.messaging.AttemptStatus;
import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.messaging.MessageLedger;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.messaging.StatusReport;

/** Every message attempt of a lead with the statuses Meta reported for it, oldest first. */
@RestController
class LeadMessagesController {

    private final MessageLedger ledger;
    private final RecipientDirectory leads;

    LeadMessagesController(MessageLedger ledger, RecipientDirectory leads) {
        this.ledger = ledger;
        this.leads = leads;
    }

    @GetMapping("/api/leads/{leadId}/messages")
    List<MessageView> messages(@PathVariable String leadId) {
        if (leads.find(leadId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead with id " + leadId);
        }
        return ledger.findByLead(leadId).stream().map(this::view).toList();
    }

    private MessageView view(MessageAttempt a) {
        List<StatusView> statuses = a.wamid() == null ? List.of() : ledger.statusHistory(a.wamid()).stream()
                // equal timestamps (Meta counts seconds) are shown in lifecycle order, whatever the arrival order
                .sorted(Comparator.comparing(StatusReport::occurredAt).thenComparing(StatusReport::status))
                .map(s -> new StatusView(s.status(), s.occurredAt(), s.errorCode(), s.errorDetail(),
                        s.pricingCategory()))
                .toList();
        return new MessageView(a.idempotencyKey(), a.flow(), a.step(), a.templateKey(), a.templateName(), a.language(),
                a.category(), a.status(), a.wamid(), a.errorCode(), a.errorDetail(), a.pricingCategory(), a.requests(),
                a.createdAt(), a.updatedAt(), a.statusAt(), statuses);
    }

    record MessageView(String idempotencyKey, String flow, String step, String templateKey, String templateName,
                       String language, String category, AttemptStatus status, String wamid, Integer errorCode,
                       String errorDetail, String pricingCategory, int requests, Instant createdAt,
                       Instant updatedAt, Instant statusAt, List<StatusView> statuses) {
    }

    record StatusView(AttemptStatus status, Instant at, Integer errorCode, String errorDetail,
                      String pricingCategory) {
    }
}
