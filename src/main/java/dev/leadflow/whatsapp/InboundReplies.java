package dev.leadflow.whatsapp;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.leadflow.flow.FlowConflicts;
import dev.leadflow.flow.FlowPort;
import dev.leadflow.messaging.OptOuts;
import dev.leadflow.messaging.Recipient;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.observability.LeadMdc;
import dev.leadflow.observability.PhoneMasking;

/**
 * What an inbound message does. The record of the wamid and every effect (24-hour window, consent,
 * flow correlations) commit in one transaction: a second delivery finds the wamid and does nothing, and
 * a failed or conflicting correlation leaves no record, so the delivery's retry does it all again.
 */
@Component
class InboundReplies {

    private static final Logger log = LoggerFactory.getLogger(InboundReplies.class);

    enum Outcome { REPLIED, OPTED_OUT, NOTICE, UNKNOWN_NUMBER, DUPLICATE }

    private final InboundLog inbound;
    private final RecipientDirectory recipients;
    private final FlowPort flows;
    private final OptOuts optOuts;
    private final Clock clock;
    private final TransactionTemplate transaction;

    InboundReplies(InboundLog inbound, RecipientDirectory recipients, FlowPort flows, OptOuts optOuts,
                   Clock clock, PlatformTransactionManager transactionManager) {
        this.inbound = inbound;
        this.recipients = recipients;
        this.flows = flows;
        this.optOuts = optOuts;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    Outcome receive(InboundMessage message) {
        try {
            return FlowConflicts.retry(() -> transaction.execute(status -> receiveOnce(message)));
        } catch (DuplicateKeyException concurrentDelivery) {
            return Outcome.DUPLICATE;
        }
    }

    private Outcome receiveOnce(InboundMessage message) {
        if (inbound.exists(message.wamid())) {
            return Outcome.DUPLICATE;
        }
        Optional<Recipient> lead = findLead(message.fromWaId());
        // the typed text, or the title of a tapped button (WhatsApp's "Stop promotions")
        boolean optOut = lead.isPresent() && message.fromTheUser() && optOuts.isOptOut(lead.get(), message.text());
        inbound.insert(message, lead.map(Recipient::leadId).orElse(null), clock.instant(), optOut);
        if (lead.isEmpty()) {
            log.info("Message {} from {}, a number of no lead: recorded only", message.wamid(),
                    PhoneMasking.maskNumber(message.fromWaId()));
            return Outcome.UNKNOWN_NUMBER;
        }
        String leadId = lead.get().leadId();
        try (var mdc = LeadMdc.put(leadId)) {
            if (!message.fromTheUser()) {
                return Outcome.NOTICE;
            }
            recipients.recordInbound(leadId, message.occurredAt());
            if (optOut) {
                optOuts.optOut(lead.get(), message.occurredAt());
                int ended = flows.leadOptedOut(leadId);
                log.info("Lead {} opted out by message {}; {} flow(s) ended", leadId, message.wamid(), ended);
                return Outcome.OPTED_OUT;
            }
            // a tap on Confirm/Reschedule is meeting-specific and also a reply: follow-ups waiting for one stop
            QuickReply.parse(message.payload())
                    .ifPresent(quick -> flows.meetingReply(leadId, quick.meetingId(), quick.reply()));
            flows.leadReplied(leadId, message.reply());
            return Outcome.REPLIED;
        }
    }

    private Optional<Recipient> findLead(String waId) {
        for (String phone : WaIds.candidates(waId)) {
            Optional<Recipient> lead = recipients.findByPhone(phone);
            if (lead.isPresent()) {
                return lead;
            }
        }
        return Optional.empty();
    }
}
