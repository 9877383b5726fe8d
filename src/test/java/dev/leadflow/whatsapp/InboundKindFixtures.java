package dev.leadflow.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.support.WebhookFixtures;

/**
 * The inbound message of each kind from {@code webhooks/inbound-kinds.json} (Meta's documented shapes), filled in
 * for one lead, and wrapped in Meta's envelope as sent to a given business number.
 */
final class InboundKindFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KINDS;

    static {
        try (InputStream in = InboundKindFixtures.class.getResourceAsStream("/webhooks/inbound-kinds.json")) {
            KINDS = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private InboundKindFixtures() {
    }

    /** The message of this kind from {@code fromE164}, answering or naming {@code context}. */
    static Map<String, Object> message(String kind, String fromE164, String wamid, Instant at, String context,
                                       String newWaId) {
        String filled = KINDS.replace("\"FROM\"", "\"" + WebhookFixtures.waId(fromE164) + "\"")
                .replace("from FROM", "from " + WebhookFixtures.waId(fromE164))
                .replace("WAMID", wamid).replace("\"TS\"", "\"" + at.getEpochSecond() + "\"")
                .replace("CONTEXT", context == null ? "wamid.none" : context)
                .replace("NEW_WA_ID", newWaId == null ? "" : newWaId);
        try {
            Map<String, Object> all = JSON.readValue(filled, new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> message = (Map<String, Object>) all.get(kind);
            return new LinkedHashMap<>(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A messages change to the given business number, with the contacts Meta sends beside the messages. */
    static Map<String, Object> change(String phoneNumberId, List<Map<String, Object>> contacts,
                                      List<Map<String, Object>> messages) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", Map.of("display_phone_number", "15550783881", "phone_number_id", phoneNumberId));
        value.put("contacts", contacts);
        value.put("messages", messages);
        return Map.of("field", "messages", "value", value);
    }

    /** Meta's contact of a sender: its number (when not withheld), business-scoped user id and username. */
    static Map<String, Object> contact(String fromE164, String userId, String username) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", "Sheena Nelson");
        if (username != null) {
            profile.put("username", username);
        }
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("profile", profile);
        if (fromE164 != null) {
            contact.put("wa_id", WebhookFixtures.waId(fromE164));
        }
        if (userId != null) {
            contact.put("user_id", userId);
        }
        return contact;
    }
}
