package dev.leadflow.whatsapp.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leadflow.whatsapp.WhatsAppProperties;

/** The Cloud API simulator: Meta's paths and JSON, including its error answers. */
@RestController
@ConditionalOnProperty(name = "leadflow.sandbox.enabled", havingValue = "true")
class SandboxGraphController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxMailbox mailbox;
    private final SandboxWebhooks webhooks;
    private final WhatsAppProperties whatsApp;
    private final Clock clock;

    SandboxGraphController(SandboxMailbox mailbox, SandboxWebhooks webhooks, WhatsAppProperties whatsApp,
                           Clock clock) {
        this.mailbox = mailbox;
        this.webhooks = webhooks;
        this.whatsApp = whatsApp;
        this.clock = clock;
    }

    /**
     * Meta's {@code GET /{media-id}}: the media of a message the sandbox's lead sent. Every numeric id is known
     * (a person trying the media kinds from the conversation page makes up none); a URL of the sandbox's.
     */
    @GetMapping(path = "/sandbox/graph/{version}/{mediaId:[0-9]+}")
    ResponseEntity<Map<String, Object>> media(@PathVariable String version, @PathVariable String mediaId,
                                              @RequestHeader(name = "Authorization", required = false)
                                              String authorization) {
        if (!("Bearer " + whatsApp.accessToken()).equals(authorization)) {
            return error(190, "Error validating access token: the session is invalid", HttpStatus.UNAUTHORIZED);
        }
        if (mediaId.startsWith("404")) {
            return error(100, "Unsupported get request. Object with ID '" + mediaId + "' does not exist",
                    HttpStatus.BAD_REQUEST);
        }
        return ResponseEntity.ok(Map.of("messaging_product", "whatsapp", "id", mediaId, "mime_type", "image/jpeg",
                "sha256", "sandbox-" + mediaId, "file_size", 12345,
                "url", "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=" + mediaId + "&sandbox=1"));
    }

    @PostMapping(path = "/sandbox/graph/{version}/{phoneNumberId}/messages")
    ResponseEntity<Map<String, Object>> send(@PathVariable String version, @PathVariable String phoneNumberId,
                                             @RequestHeader(name = "Authorization", required = false) String authorization,
                                             @RequestBody JsonNode body) throws InterruptedException {
        String recipient = body.path("to").asText("");
        mailbox.recordRequest(recipient.startsWith("+") ? recipient : "+" + recipient);
        if (!("Bearer " + whatsApp.accessToken()).equals(authorization)) {
            return error(190, "Error validating access token: the session is invalid", HttpStatus.UNAUTHORIZED);
        }
        String invalid = invalidField(body);
        if (invalid != null) {
            return error(100, "Invalid parameter: " + invalid, HttpStatus.BAD_REQUEST);
        }
        var fault = mailbox.takeFault();
        if (fault.isPresent() && !fault.get().timeout()) {
            int code = fault.get().code();
            return error(code, "Injected by the sandbox", statusFor(code));
        }
        SandboxMessage message = accept(phoneNumberId, body, fault.map(f -> !f.withoutStatuses()).orElse(true));
        if (fault.isPresent()) {
            // accepted, but the answer comes later than the client waits for it
            Thread.sleep(whatsApp.readTimeout().toMillis() + 1000);
        }
        String to = body.path("to").asText();
        return ResponseEntity.ok(Map.of("messaging_product", "whatsapp",
                "contacts", List.of(Map.of("input", to, "wa_id", to.replace("+", ""))),
                "messages", List.of(Map.of("id", message.wamid(), "message_status", "accepted"))));
    }

    private SandboxMessage accept(String phoneNumberId, JsonNode body, boolean reportStatuses) {
        JsonNode template = body.path("template");
        List<String> parameters = new ArrayList<>();
        List<String> quickReplies = new ArrayList<>();
        for (JsonNode button : body.path("interactive").path("action").path("buttons")) {
            quickReplies.add(button.path("reply").path("id").asText());
        }
        for (JsonNode component : template.path("components")) {
            for (JsonNode parameter : component.path("parameters")) {
                if ("button".equals(component.path("type").asText())) {
                    quickReplies.add(parameter.path("payload").asText());
                } else {
                    parameters.add(parameter.path("text").asText());
                }
            }
        }
        String to = body.path("to").asText();
        SandboxMessage message = new SandboxMessage(newWamid(), SandboxMessage.Direction.OUTBOUND, phoneNumberId,
                to.startsWith("+") ? to : "+" + to, null, body.path("type").asText(),
                template.path("name").asText(null), template.path("language").path("code").asText(null),
                parameters, quickReplies, textOf(body), body.path("biz_opaque_callback_data").asText(null),
                clock.instant());
        mailbox.add(message);
        if (reportStatuses) {
            webhooks.reportProgress(message, mailbox.chaosFor(message.to()));
        }
        return message;
    }

    private static String textOf(JsonNode body) {
        return body.has("interactive") ? body.path("interactive").path("body").path("text").asText(null)
                : body.path("text").path("body").asText(null);
    }

    static String newWamid() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "wamid." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String invalidField(JsonNode body) {
        if (!"whatsapp".equals(body.path("messaging_product").asText())) {
            return "messaging_product";
        }
        if (!body.path("to").asText("").matches("\\+?[1-9]\\d{6,14}")) {
            return "to";
        }
        String type = body.path("type").asText("text");
        if ("template".equals(type)) {
            if (body.path("template").path("name").asText("").isBlank()) {
                return "template.name";
            }
            if (body.path("template").path("language").path("code").asText("").isBlank()) {
                return "template.language.code";
            }
        } else if ("text".equals(type) && body.path("text").path("body").asText("").isBlank()) {
            return "text.body";
        } else if ("interactive".equals(type)
                && body.path("interactive").path("body").path("text").asText("").isBlank()) {
            return "interactive.body.text";
        }
        String callback = body.path("biz_opaque_callback_data").asText("");
        return callback.length() > 512 ? "biz_opaque_callback_data" : null;
    }

    private static HttpStatus statusFor(int code) {
        if (code == 0 || code == 190) {
            return HttpStatus.UNAUTHORIZED;
        }
        if (code == 10 || (code >= 200 && code <= 299)) {
            return HttpStatus.FORBIDDEN;
        }
        if (code == 4 || code == 80007 || code == 130429) {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
        if (code == 1 || code == 2 || code == 131000 || code == 131016) {
            return HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return HttpStatus.BAD_REQUEST;
    }

    private static ResponseEntity<Map<String, Object>> error(int code, String message, HttpStatus status) {
        return ResponseEntity.status(status).body(Map.of("error", Map.of(
                "message", "(#" + code + ") " + message,
                "type", "OAuthException",
                "code", code,
                "error_data", Map.of("messaging_product", "whatsapp", "details", message),
                "fbtrace_id", "Sandbox" + Long.toHexString(RANDOM.nextLong()))));
    }
}
