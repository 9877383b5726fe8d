package dev.leadflow.whatsapp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

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

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Meta's webhook: the verification handshake and signed event deliveries. A delivery is checked
 * (signature over the raw bytes, then JSON syntax), stored, and answered at once; it is processed after
 * (see {@link WebhookIngestion}), so the answer stays fast however busy the engine is.
 */
@RestController
@RequestMapping("/webhooks/whatsapp")
class WebhookController {

    private final WhatsAppProperties properties;
    private final WebhookIngestion ingestion;
    private final ObjectMapper json;

    WebhookController(WhatsAppProperties properties, WebhookIngestion ingestion, ObjectMapper json) {
        this.properties = properties;
        this.ingestion = ingestion;
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
        if (!isOneJsonValue(raw)) {
            return problem(HttpStatus.BAD_REQUEST, "The body is not JSON");
        }
        ingestion.accept(new String(raw, StandardCharsets.UTF_8));
        return ResponseEntity.ok().build();
    }

    /** Checks the syntax by streaming over the tokens, without building the tree the processing builds later. */
    private boolean isOneJsonValue(byte[] raw) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(raw)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
