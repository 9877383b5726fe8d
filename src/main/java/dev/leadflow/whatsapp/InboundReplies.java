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
import dev.leadflow.messaging.CustomerServiceWindows;
import dev.leadflow.messaging.LeadChannels;
import dev.leadflow.messaging.LeadIdentities;
import dev.leadflow.messaging.OptOuts;
import dev.leadflow.messaging.Recipient;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.observability.LeadMdc;
import dev.leadflow.observability.PhoneMasking;

/**
 * What an inbound message does, by its {@link InboundKind}. The record of the wamid and every effect (identity,
 * number change, 24-hour window, consent, flow correlations) commit in one transaction: a second delivery finds
 * the wamid and does nothing, and a failed or conflicting correlation leaves no record, so the delivery's retry
 * does it all again. A message of no known lead is kept in the unmatched inbox for an operator.
 */
@Component
class InboundReplies {

    private static final Logger log = LoggerFactory.getLogger(InboundReplies.class);

    enum Outcome { REPLIED, OPTED_OUT, NOTICE, OTHER_CHANNEL, UNKNOWN_NUMBER, DUPLICATE }

    private final InboundLog inbound;
    private final RecipientDirectory recipients;
    private final LeadIdentities identities;
    private final LeadChannels channels;
    private final CustomerServiceWindows windows;
    private final FlowPort flows;
    private final OptOuts optOuts;
    private final Clock clock;
    private final TransactionTemplate transaction;

    InboundReplies(InboundLog inbound, RecipientDirectory recipients, LeadIdentities identities, LeadChannels channels,
                   CustomerServiceWindows windows, FlowPort flows, OptOuts optOuts, Clock clock,
                   PlatformTransactionManager transactionManager) {
        this.inbound = inbound;
        this.recipients = recipients;
        this.identities = identities;
        this.channels = channels;
        this.windows = windows;
        this.flows = flows;
        this.optOuts = optOuts;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    Outcome receive(InboundMessage message) {
        try {
            return FlowConflicts.retry(() -> transaction.execute(status -> receiveOnce(message)));
        } catch (DuplicateKeyException concurrent) {
            if (inbound.exists(message.wamid())) {
                return Outcome.DUPLICATE;
            }
            // another message of the lead recorded the same window first: nothing of this one was kept, so again
            return FlowConflicts.retry(() -> transaction.execute(status -> receiveOnce(message)));
        }
    }

    /**
     * An operator says whose message from the unmatched inbox this is: it does what it would have done had it
     * matched the lead (so a reply stops the follow-ups), and the lead keeps the sender's user id and username,
     * so that its next message finds it.
     *
     * @return empty when the message is not (or no longer) in the inbox
     */
    Optional<Outcome> assign(String wamid, String leadId, String operator) {
        return FlowConflicts.retry(() -> transaction.execute(status -> {
            Optional<InboundMessage> message = inbound.findUnmatched(wamid);
            Optional<Recipient> lead = recipients.find(leadId);
            if (message.isEmpty() || lead.isEmpty()) {
                return Optional.<Outcome>empty();
            }
            Effects effects = effects(message.get(), lead.get());
            if (!inbound.assign(wamid, leadId, operator, clock.instant(), effects.countsAsReply())) {
                return Optional.<Outcome>empty();
            }
            log.info("Message {} of the unmatched inbox assigned to lead {} by {}", wamid, leadId, operator);
            try (var mdc = LeadMdc.put(leadId)) {
                return Optional.of(apply(message.get(), lead.get(), effects));
            }
        }));
    }

    private Outcome receiveOnce(InboundMessage message) {
        if (inbound.exists(message.wamid())) {
            return Outcome.DUPLICATE;
        }
        Optional<Recipient> lead = findLead(message);
        if (lead.isEmpty()) {
            inbound.insert(message, null, clock.instant(), false, false);
            log.info("Message {} ({}) from {}, who is no known lead: kept in the unmatched inbox", message.wamid(),
                    message.kind(), message.fromWaId() != null ? PhoneMasking.maskNumber(message.fromWaId())
                            : message.fromUserId());
            return Outcome.UNKNOWN_NUMBER;
        }
        Effects effects = effects(message, lead.get());
        inbound.insert(message, lead.get().leadId(), clock.instant(), effects.optOut(), effects.countsAsReply());
        try (var mdc = LeadMdc.put(lead.get().leadId())) {
            return apply(message, lead.get(), effects);
        }
    }

    /**
     * @param onLeadsNumber  sent to the business number the lead's flows write from (or Meta did not say which)
     * @param countsAsReply  the lead's flows take it as the lead's reply
     * @param optOut         the whole message is an opt-out word (typed, or the title of a tapped button)
     */
    private record Effects(boolean onLeadsNumber, boolean countsAsReply, boolean optOut) {
    }

    private Effects effects(InboundMessage message, Recipient lead) {
        boolean onLeadsNumber = message.channelId() == null || message.channelId().equals(channels.channelOf(lead));
        boolean optOut = message.kind().countsAsReply() && optOuts.isOptOut(lead, message.text());
        return new Effects(onLeadsNumber, message.kind().countsAsReply() && onLeadsNumber, optOut);
    }

    private Outcome apply(InboundMessage message, Recipient lead, Effects effects) {
        String leadId = lead.leadId();
        identities.recordIdentity(leadId, message.kind() == InboundKind.USER_ID_CHANGED ? null : message.fromUserId(),
                message.username());
        if (message.referral() != null) {
            InboundMessage.AdReferral ad = message.referral();
            identities.recordFirstAdReferral(leadId, new LeadIdentities.AdReferral(ad.sourceId(), ad.sourceType(),
                    ad.sourceUrl(), ad.headline(), ad.ctwaClid()), message.wamid(), message.occurredAt());
        }
        switch (message.kind()) {
            case NUMBER_CHANGED -> {
                changeNumber(message, leadId);
                return Outcome.NOTICE;
            }
            case USER_ID_CHANGED -> {
                identities.recordIdentity(leadId, message.change(), null);
                return Outcome.NOTICE;
            }
            default -> {
                // every other kind goes on below
            }
        }
        if (message.kind().opensWindow()) {
            windows.recordInbound(leadId, message.channelId() != null ? message.channelId() : channels.channelOf(lead),
                    message.occurredAt());
            if (effects.onLeadsNumber()) {
                recipients.recordInbound(leadId, message.occurredAt());
            }
        }
        if (effects.optOut()) {
            optOuts.optOut(lead, message.occurredAt());
            int ended = flows.leadOptedOut(leadId);
            log.info("Lead {} opted out by message {}; {} flow(s) ended", leadId, message.wamid(), ended);
            return Outcome.OPTED_OUT;
        }
        if (!message.kind().countsAsReply()) {
            log.info("Message {} of lead {} is a {}: recorded, not a reply", message.wamid(), leadId, message.kind());
            return Outcome.NOTICE;
        }
        if (!effects.onLeadsNumber()) {
            log.info("Lead {} wrote to business number {}, not the one its flows write from: its flows are left as"
                    + " they are", leadId, message.channelId());
            return Outcome.OTHER_CHANNEL;
        }
        // a tap on Confirm/Reschedule is meeting-specific and also a reply: follow-ups waiting for one stop
        QuickReply.parse(message.payload())
                .ifPresent(quick -> flows.meetingReply(leadId, quick.meetingId(), quick.reply()));
        flows.leadReplied(leadId, message.reply());
        flows.leadAwake(leadId);
        return Outcome.REPLIED;
    }

    private void changeNumber(InboundMessage message, String leadId) {
        if (message.change() == null || WaIds.candidates(message.change()).isEmpty()) {
            log.warn("Lead {}: number change {} without a readable new number; the lead keeps its number", leadId,
                    message.wamid());
            return;
        }
        identities.changeNumber(leadId, "+" + message.change(), message.occurredAt());
    }

    private Optional<Recipient> findLead(InboundMessage message) {
        for (String phone : WaIds.candidates(message.fromWaId())) {
            Optional<Recipient> lead = recipients.findByPhone(phone);
            if (lead.isPresent()) {
                return lead;
            }
        }
        if (message.fromUserId() != null) {
            return identities.leadOfUserId(message.fromUserId()).flatMap(recipients::find);
        }
        return Optional.empty();
    }
}
