package dev.leadflow.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Posts status webhooks to Leadflow as Meta does: one status per request, signed with the app secret. */
final class StatusWebhooks {

    static final String PATH = "/webhooks/whatsapp";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http leadflow;
    private final String appSecret;
    private final String phoneNumberId;

    StatusWebhooks(Http leadflow, String appSecret, String phoneNumberId) {
        this.leadflow = leadflow;
        this.appSecret = appSecret;
        this.phoneNumberId = phoneNumberId;
    }

    Http.Answer post(FakeCloudApi.Receipt message, String status) {
        byte[] body = payload(message, status);
        return leadflow.post(PATH, body, Map.of("Content-Type", "application/json",
                "X-Hub-Signature-256", sign(body, appSecret)));
    }

    private byte[] payload(FakeCloudApi.Receipt message, String status) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("id", message.wamid());
        update.put("status", status);
        update.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        update.put("recipient_id", message.to().replace("+", ""));
        update.put("biz_opaque_callback_data", message.callbackData());
        update.put("pricing", Map.of("billable", true, "pricing_model", "PMP", "type", "regular",
                "category", "marketing"));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", Map.of("display_phone_number", "15550001234", "phone_number_id", phoneNumberId));
        value.put("statuses", List.of(update));
        Map<String, Object> envelope = Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of(
                "id", "102290129340398", "changes", List.of(Map.of("field", "messages", "value", value)))));
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
