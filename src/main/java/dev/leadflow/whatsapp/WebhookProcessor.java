package dev.leadflow.whatsapp;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leadflow.flow.FlowPort;
import dev.leadflow.messaging.AttemptStatus;
import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.messaging.MessageLedger;
import dev.leadflow.messaging.MessageStatusChanged;
import dev.leadflow.messaging.OptOutWords;
import dev.leadflow.messaging.Recipient;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.messaging.StatusReport;

/**
 * Applies a webhook payload: statuses move ledger entries forward, messages reach the lead's flows.
 * Every part is idempotent, so Meta's duplicates and reordering are harmless.
 */
@Service
class WebhookProcessor {

    private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);

    private final MessageLedger ledger;
    private final InboundLog inbound;
    private final RecipientDirectory recipients;
    private final FlowPort flows;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final OptOutWords optOutWords;

    WebhookProcessor(MessageLedger ledger, InboundLog inbound, RecipientDirectory recipients, FlowPort flows,
                     Clock clock, ApplicationEventPublisher events, OptOutWords optOutWords) {
        this.ledger = ledger;
        this.inbound = inbound;
        this.recipients = recipients;
        this.flows = flows;
        this.clock = clock;
        this.events = events;
        this.optOutWords = optOutWords;
    }

    void process(JsonNode payload) {
        for (JsonNode entry : payload.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                for (JsonNode status : value.path("statuses")) {
                    applyStatus(status);
                }
                for (JsonNode message : value.path("messages")) {
                    receiveMessage(message);
                }
            }
        }
    }

    private void applyStatus(JsonNode status) {
        Optional<AttemptStatus> reported = AttemptStatus.fromWebhook(status.path("status").asText(null));
        String wamid = status.path("id").asText(null);
        if (reported.isEmpty() || wamid == null) {
            log.warn("Ignoring a status update without a known status or id");
            return;
        }
        JsonNode error = status.path("errors").path(0);
        StatusReport report = new StatusReport(wamid, reported.get(), timestamp(status),
                error.hasNonNull("code") ? error.path("code").asInt() : null,
                error.isMissingNode() ? null : describe(error),
                status.path("pricing").path("category").asText(null),
                status.path("biz_opaque_callback_data").asText(null));
        Instant now = clock.instant();
        if (!ledger.recordStatusEvent(report, now)) {
            return;
        }
        Optional<MessageAttempt> attempt = ledger.applyStatus(report, now);
        if (attempt.isEmpty()) {
            log.info("Status {} for a message Leadflow did not send (wamid {})", report.status(), wamid);
        } else if (attempt.get().status() == report.status()) {
            events.publishEvent(new MessageStatusChanged(attempt.get(), report));
        }
    }

    private void receiveMessage(JsonNode node) {
        InboundMessage message = new InboundMessage(
                node.path("id").asText(),
                node.path("from").asText(),
                node.path("type").asText("unknown"),
                node.path("text").path("body").asText(null),
                payloadOf(node),
                node.path("context").path("id").asText(null),
                timestamp(node));
        Optional<Recipient> lead = recipients.findByPhone("+" + message.fromWaId());
        if (!inbound.record(message, lead.map(Recipient::leadId).orElse(null), clock.instant())) {
            return;
        }
        if (lead.isEmpty()) {
            log.info("Message {} from a number that belongs to no lead; recorded only", message.wamid());
            return;
        }
        recipients.recordInbound(lead.get().leadId(), message.occurredAt());
        if (optOutWords.isOptOut(message.reply(), lead.get().locale())) {
            recipients.recordOptOut(lead.get().leadId(), message.occurredAt());
            log.info("Lead {} opted out by message {}: its flows end", lead.get().leadId(), message.wamid());
            flows.leadOptedOut(lead.get().leadId());
            return;
        }
        flows.leadReplied(lead.get().leadId(), message.reply());
    }

    private static String payloadOf(JsonNode message) {
        if (message.has("button")) {
            return message.path("button").path("payload").asText(null);
        }
        JsonNode interactive = message.path("interactive");
        if (interactive.has("button_reply")) {
            return interactive.path("button_reply").path("id").asText(null);
        }
        if (interactive.has("list_reply")) {
            return interactive.path("list_reply").path("id").asText(null);
        }
        return null;
    }

    private static String describe(JsonNode error) {
        String details = error.path("error_data").path("details").asText("");
        String title = error.path("title").asText(error.path("message").asText(""));
        return details.isEmpty() ? title : title + " - " + details;
    }

    private Instant timestamp(JsonNode node) {
        String seconds = node.path("timestamp").asText("");
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            return clock.instant();
        }
    }
}
