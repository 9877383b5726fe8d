package dev.leadflow.whatsapp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.leadflow.messaging.DeliveryStatuses;
import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.tracking.TimelineEntry;
import dev.leadflow.tracking.TimelineSource;

/**
 * What the lead sent, on its timeline: a reply ({@link InboundKind#countsAsReply()}) as "reply received", linked
 * to the message it answers when WhatsApp said so; anything else (a removed reaction, an edit, a deletion, a
 * number change) as "notice received". Each shows its kind's summary (docs/inbound.md).
 */
@Component
class InboundTimeline implements TimelineSource {

    private final InboundHistory history;
    private final DeliveryStatuses ledger;

    InboundTimeline(InboundHistory history, DeliveryStatuses ledger) {
        this.history = history;
        this.ledger = ledger;
    }

    @Override
    public List<TimelineEntry> entriesOf(String leadId) {
        List<InboundHistory.Received> received = history.ofLead(leadId);
        if (received.isEmpty()) {
            return List.of();
        }
        Map<String, MessageAttempt> sent = new HashMap<>();
        ledger.messagesOf(leadId).stream().filter(attempt -> attempt.wamid() != null)
                .forEach(attempt -> sent.put(attempt.wamid(), attempt));
        return received.stream().map(message -> entry(message, sent.get(message.contextWamid()))).toList();
    }

    private static TimelineEntry entry(InboundHistory.Received message, MessageAttempt answered) {
        InboundKind kind = InboundKind.valueOf(message.kind());
        StringBuilder detail = new StringBuilder(message.summary());
        if (answered != null) {
            detail.append(kind.countsAsReply() ? ", replied to " : ", about ").append(answered.templateName());
        }
        if (message.optOut()) {
            detail.append(": opt-out word, consent withdrawn");
        }
        if (kind.countsAsReply() && !message.countedAsReply() && !message.optOut()) {
            detail.append(" (to business number ").append(message.channelId())
                    .append(", not the one this lead's flows write from: they were not told)");
        }
        if (message.adHeadline() != null || message.adSourceId() != null) {
            detail.append(" (from ad ").append(message.adHeadline() != null ? "\"" + message.adHeadline() + "\"" : "")
                    .append(message.adHeadline() != null && message.adSourceId() != null ? " " : "")
                    .append(message.adSourceId() != null ? message.adSourceId() : "").append(")");
        }
        return new TimelineEntry(message.at(), kind.countsAsReply() ? TimelineEntry.Kind.REPLY_RECEIVED
                : TimelineEntry.Kind.NOTICE_RECEIVED, answered != null ? answered.flow() : null,
                answered != null ? answered.step() : null, detail.toString());
    }
}
