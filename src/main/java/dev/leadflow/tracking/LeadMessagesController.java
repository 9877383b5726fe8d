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
import dev.leadflow.messaging.OutboundChannel;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.messaging.StatusReport;

/**
 * Every message attempt of a lead with the statuses Meta reported for it, oldest first. Each names its
 * {@code id} (what {@code POST /api/messages/{id}/resend} takes) and whether it can be sent again now.
 */
@RestController
class LeadMessagesController {

    private final MessageLedger ledger;
    private final RecipientDirectory leads;
    private final OutboundChannel channel;

    LeadMessagesController(MessageLedger ledger, RecipientDirectory leads, OutboundChannel channel) {
        this.ledger = ledger;
        this.leads = leads;
        this.channel = channel;
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
        Long resentAs = ledger.resendOf(a.id()).map(MessageAttempt::id).orElse(null);
        return new MessageView(a.id(), a.idempotencyKey(), a.flow(), a.step(), a.templateKey(), a.templateName(),
                a.language(), a.category(), a.status(), a.wamid(), a.errorCode(), a.errorDetail(),
                a.errorCode() == null ? null : channel.plainWords(a.errorCode()), a.pricingCategory(), a.requests(),
                a.createdAt(), a.updatedAt(), a.statusAt(), a.acceptedAt(), a.stepKey(), a.resendOf(), resentAs,
                ledger.resendable(a), statuses);
    }

    /**
     * @param errorMeaning what the error code means, in plain words
     * @param acceptedAt   when the Cloud API accepted it
     * @param stepKey      the send step it belongs to (a re-send shares its step with the failed attempt)
     * @param resendOf     the failed attempt an operator sent again as this one
     * @param resentAs     the attempt that sent this failed one again
     * @param resendable   whether {@code POST /api/messages/{id}/resend} would send it again now: it failed, it
     *                     was not re-sent yet, and no other attempt of its step went out or is in flight
     */
    record MessageView(long id, String idempotencyKey, String flow, String step, String templateKey,
                       String templateName, String language, String category, AttemptStatus status, String wamid,
                       Integer errorCode, String errorDetail, String errorMeaning, String pricingCategory,
                       int requests, Instant createdAt, Instant updatedAt, Instant statusAt, Instant acceptedAt,
                       String stepKey, Long resendOf, Long resentAs, boolean resendable, List<StatusView> statuses) {
    }

    record StatusView(AttemptStatus status, Instant at, Integer errorCode, String errorDetail,
                      String pricingCategory) {
    }
}
