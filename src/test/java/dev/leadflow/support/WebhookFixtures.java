package dev.leadflow.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Webhook payloads shaped as in whatsapp-cloud-api.md ("Webhooks"): statuses, text, quick-reply taps,
 * interactive replies, failures with errors, user preferences, and batches of them.
 */
public final class WebhookFixtures {

    public static final String BUSINESS_ACCOUNT_ID = "102290129340398";
    public static final String PHONE_NUMBER_ID = "100000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookFixtures() {
    }

    public static String newWamid() {
        return "wamid.test" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The wa_id of a lead's E.164 number: without the +. */
    public static String waId(String e164) {
        return e164.replace("+", "");
    }

    // ---- one change's value ----

    public static Map<String, Object> status(String wamid, String status, Instant at, String recipientE164) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("id", wamid);
        update.put("status", status);
        update.put("timestamp", seconds(at));
        update.put("recipient_id", waId(recipientE164));
        if (!"failed".equals(status)) {
            update.put("pricing", Map.of("billable", true, "pricing_model", "PMP", "type", "regular",
                    "category", "utility"));
        }
        return update;
    }

    public static Map<String, Object> failed(String wamid, Instant at, String recipientE164, int code, String title) {
        Map<String, Object> update = status(wamid, "failed", at, recipientE164);
        update.put("errors", List.of(Map.of("code", code, "title", title, "message", title,
                "error_data", Map.of("details", "details of " + code))));
        return update;
    }

    public static Map<String, Object> text(String wamid, String fromE164, Instant at, String body) {
        Map<String, Object> message = message(wamid, fromE164, at, "text");
        message.put("text", Map.of("body", body));
        return message;
    }

    public static Map<String, Object> button(String wamid, String fromE164, Instant at, String payload, String title,
                                             String contextWamid) {
        Map<String, Object> message = message(wamid, fromE164, at, "button");
        message.put("context", Map.of("from", "15550783881", "id", contextWamid));
        message.put("button", Map.of("payload", payload, "text", title));
        return message;
    }

    public static Map<String, Object> interactive(String wamid, String fromE164, Instant at, String id, String title) {
        Map<String, Object> message = message(wamid, fromE164, at, "interactive");
        message.put("interactive", Map.of("type", "button_reply", "button_reply", Map.of("id", id, "title", title)));
        return message;
    }

    public static Map<String, Object> replyingTo(Map<String, Object> message, String contextWamid) {
        Map<String, Object> copy = new LinkedHashMap<>(message);
        copy.put("context", Map.of("from", "15550783881", "id", contextWamid));
        return copy;
    }

    private static Map<String, Object> message(String wamid, String fromE164, Instant at, String type) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("from", waId(fromE164));
        message.put("id", wamid);
        message.put("timestamp", seconds(at));
        message.put("type", type);
        return message;
    }

    // ---- changes and envelopes ----

    public static Map<String, Object> statusesChange(List<Map<String, Object>> statuses) {
        return change("messages", Map.of("statuses", statuses));
    }

    public static Map<String, Object> messagesChange(List<Map<String, Object>> messages) {
        List<Map<String, Object>> contacts = new ArrayList<>();
        messages.forEach(m -> contacts.add(Map.of("profile", Map.of("name", "Lead"), "wa_id", m.get("from"))));
        return change("messages", Map.of("contacts", contacts, "messages", messages));
    }

    public static Map<String, Object> userPreference(String e164, String value, Instant at) {
        return change("user_preferences", Map.of("contacts", List.of(Map.of("wa_id", waId(e164))),
                "user_preferences", List.of(Map.of("wa_id", waId(e164), "detail", "User requested it",
                        "category", "marketing_messages", "value", value, "timestamp", at.getEpochSecond()))));
    }

    public static Map<String, Object> change(String field, Map<String, Object> content) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", Map.of("display_phone_number", "15550783881", "phone_number_id", PHONE_NUMBER_ID));
        value.putAll(content);
        return Map.of("field", field, "value", value);
    }

    /** One entry holding the given changes. */
    @SafeVarargs
    public static String payload(Map<String, Object>... changes) {
        return entries(List.of(List.of(changes)));
    }

    /** Several entries, each with its changes: the batched shape. */
    public static String entries(List<List<Map<String, Object>>> changesPerEntry) {
        List<Map<String, Object>> entries = new ArrayList<>();
        changesPerEntry.forEach(changes -> entries.add(Map.of("id", BUSINESS_ACCOUNT_ID, "changes", changes)));
        return write(Map.of("object", "whatsapp_business_account", "entry", entries));
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String seconds(Instant at) {
        return String.valueOf(at.getEpochSecond());
    }
}
