package dev.leadflow.whatsapp;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Meta's webhook: the verification handshake and signed event deliveries. */
@RestController
@RequestMapping("/webhooks/whatsapp")
class WebhookController {

    private final WhatsAppProperties properties;
    private final WebhookProcessor processor;
    private final ObjectMapper json;

    WebhookController(WhatsAppProperties properties, WebhookProcessor processor, ObjectMapper json) {
        this.properties = properties;
        this.processor = processor;
        this.json = json;
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
                                  @RequestParam(name = "hub.verify_token", required = false) String token,
                                  @RequestParam(name = "hub.challenge", required = false) String challenge) {
        if ("subscribe".equals(mode) && token != null && token.equals(properties.verifyToken()) && challenge != null) {
            return ResponseEntity.ok(challenge);
        }
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body("verification failed");
    }

    @PostMapping
    ResponseEntity<?> receive(@RequestBody(required = false) byte[] body,
                              @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature)
            throws IOException {
        byte[] raw = body == null ? new byte[0] : body;
        if (!WebhookSignature.matches(raw, signature, properties.appSecret())) {
            return problem(HttpStatus.UNAUTHORIZED, "X-Hub-Signature-256 does not match the body");
        }
        JsonNode payload;
        try {
            payload = json.readTree(raw);
        } catch (JsonProcessingException e) {
            return problem(HttpStatus.BAD_REQUEST, "The body is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            return problem(HttpStatus.BAD_REQUEST, "The body is not a JSON object");
        }
        processor.process(payload);
        return ResponseEntity.ok().build();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
