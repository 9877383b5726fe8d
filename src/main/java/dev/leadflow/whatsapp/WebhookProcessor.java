package dev.leadflow.whatsapp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leadflow.messaging.AttemptStatus;
import dev.leadflow.messaging.MessageCosts;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.messaging.StatusReport;

/**
 * Reads a stored webhook payload and applies each part: statuses move ledger entries forward, messages
 * reach the lead's flows, marketing preferences are recorded. Every part is idempotent on its own, so
 * Meta's duplicates, reordering and our own retries of a delivery are harmless. What is not understood
 * is skipped and named in the result, never silently dropped.
 */
@Service
class WebhookProcessor {

    private static final String MARKETING = "marketing_messages";

    private final StatusUpdates statuses;
    private final InboundReplies replies;
    private final RecipientDirectory recipients;
    private final Clock clock;

    WebhookProcessor(StatusUpdates statuses, InboundReplies replies, RecipientDirectory recipients, Clock clock) {
        this.statuses = statuses;
        this.replies = replies;
        this.recipients = recipients;
        this.clock = clock;
    }

    /** @return what was not understood, empty when everything was */
    List<String> process(JsonNode payload) {
        List<String> notUnderstood = new ArrayList<>();
        if (!"whatsapp_business_account".equals(payload.path("object").asText()) || !payload.path("entry").isArray()) {
            notUnderstood.add("not a WhatsApp Business Account notification (object '"
                    + payload.path("object").asText("") + "')");
            return notUnderstood;
        }
        for (JsonNode entry : payload.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                String field = change.path("field").asText("");
                JsonNode value = change.path("value");
                switch (field) {
                    case "messages" -> applyMessagesChange(value, notUnderstood);
                    case "user_preferences" -> applyUserPreferences(value, notUnderstood);
                    default -> notUnderstood.add("change field '" + field + "'");
                }
            }
        }
        return notUnderstood;
    }

    private void applyMessagesChange(JsonNode value, List<String> notUnderstood) {
        if (!value.has("statuses") && !value.has("messages") && !value.has("errors")) {
            notUnderstood.add("a messages change without statuses, messages or errors");
        }
        for (JsonNode status : value.path("statuses")) {
            toReport(status).ifPresentOrElse(report -> statuses.apply(report, pricingOf(status)),
                    () -> notUnderstood.add("status '" + status.path("status").asText("") + "' of '"
                            + status.path("id").asText("") + "'"));
        }
        for (JsonNode message : value.path("messages")) {
            Optional<InboundMessage> inbound = InboundParser.parse(message, value, timestamp(message));
            if (inbound.isEmpty()) {
                notUnderstood.add("a message without id or sender");
                continue;
            }
            replies.receive(inbound.get());
            if (inbound.get().kind() == InboundKind.UNKNOWN) {
                // stored and shown on the timeline; named here so that the delivery says what was not known
                notUnderstood.add("message kind '" + inbound.get().type() + "' of '" + inbound.get().wamid()
                        + "' (kept, not taken for a reply)");
            }
        }
        for (JsonNode error : value.path("errors")) {
            notUnderstood.add("error reported by Meta: (" + error.path("code").asText("?") + ") " + describe(error));
        }
    }

    private void applyUserPreferences(JsonNode value, List<String> notUnderstood) {
        for (JsonNode preference : value.path("user_preferences")) {
            String choice = preference.path("value").asText("");
            String waId = preference.path("wa_id").asText("");
            if (!MARKETING.equals(preference.path("category").asText()) || waId.isEmpty()
                    || !(choice.equals("stop") || choice.equals("resume"))) {
                notUnderstood.add("user preference '" + preference.path("category").asText("") + "' = '"
                        + choice + "'");
                continue;
            }
            recipients.recordMarketingPreference("+" + waId, choice.equals("stop"), timestamp(preference));
        }
    }

    private Optional<StatusReport> toReport(JsonNode status) {
        Optional<AttemptStatus> reported = AttemptStatus.fromWebhook(status.path("status").asText(null));
        String wamid = status.path("id").asText(null);
        if (reported.isEmpty() || wamid == null) {
            return Optional.empty();
        }
        JsonNode error = status.path("errors").path(0);
        return Optional.of(new StatusReport(wamid, reported.get(), timestamp(status),
                error.hasNonNull("code") ? error.path("code").asInt() : null,
                error.isMissingNode() ? null : describe(error),
                status.path("pricing").path("category").asText(null),
                status.path("biz_opaque_callback_data").asText(null)));
    }

    /** What Meta said the status costs: {@code pricing}, and {@code conversation} on older pricing models. */
    private MessageCosts.StatusPricing pricingOf(JsonNode status) {
        JsonNode pricing = status.path("pricing");
        JsonNode conversation = status.path("conversation");
        String expires = conversation.path("expiration_timestamp").asText("");
        return new MessageCosts.StatusPricing(
                pricing.hasNonNull("billable") ? pricing.path("billable").asBoolean() : null,
                pricing.path("pricing_model").asText(null), pricing.path("type").asText(null),
                pricing.path("category").asText(null), conversation.path("id").asText(null),
                conversation.path("origin").path("type").asText(null),
                expires.matches("\\d{1,12}") ? Instant.ofEpochSecond(Long.parseLong(expires)) : null);
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
