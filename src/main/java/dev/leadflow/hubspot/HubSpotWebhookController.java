package dev.leadflow.hubspot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.crmsync.CrmHttp.CrmApiException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * HubSpot's webhook: a batch of events, signed (v3). A request whose signature or timestamp does not hold is
 * refused with 401 and has no effect; a batch that is not HubSpot's shape is refused with 400 before any
 * event is applied. When HubSpot's API cannot be read now, the answer is 503 and HubSpot delivers again:
 * what was applied already is not applied twice.
 */
@RestController
class HubSpotWebhookController {

    private static final Logger log = LoggerFactory.getLogger(HubSpotWebhookController.class);

    private final HubSpotProperties properties;
    private final HubSpotEvents events;
    private final ObjectMapper json;
    private final Clock clock;

    HubSpotWebhookController(HubSpotProperties properties, HubSpotEvents events, ObjectMapper json, Clock clock) {
        this.properties = properties;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/webhooks/hubspot")
    ResponseEntity<?> receive(
            HttpServletRequest request, @RequestBody String body,
            @RequestHeader(name = HubSpotSignature.SIGNATURE_HEADER, required = false) String signature,
            @RequestHeader(name = HubSpotSignature.TIMESTAMP_HEADER, required = false) String timestamp) {
        if (!properties.enabled()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND,
                    "The HubSpot adapter is not enabled (leadflow.hubspot.enabled)"));
        }
        if (!HubSpotSignature.verify(properties.clientSecret(), request.getMethod(), signedUri(request), body,
                timestamp, signature, clock.instant())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem(HttpStatus.UNAUTHORIZED,
                    "Missing, wrong or expired HubSpot signature "
                            + "(X-HubSpot-Signature-v3, X-HubSpot-Request-Timestamp)"));
        }
        List<JsonNode> batch = batch(body);
        List<Map<String, Object>> outcomes = new ArrayList<>();
        try {
            for (JsonNode event : batch) {
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("eventId", event.path("eventId").asText());
                outcome.put("outcome", events.handle(event));
                outcomes.add(outcome);
            }
        } catch (CrmApiException e) {
            log.warn("HubSpot webhook: HubSpot's API cannot be read now ({}); HubSpot will deliver again",
                    e.getMessage());
            ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "HubSpot's API cannot be read now; "
                    + "deliver again");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "10")
                    .body(problem);
        }
        return ResponseEntity.ok(Map.of("events", outcomes));
    }

    /** The events, each checked for the fields every HubSpot event has, before any is applied. */
    private List<JsonNode> batch(String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "not JSON");
        }
        if (root == null || !root.isArray()) {
            throw new InvalidFieldException("body", "a JSON array of HubSpot events");
        }
        List<JsonNode> batch = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode event = root.get(i);
            for (String field : List.of("eventId", "subscriptionType", "objectId", "occurredAt")) {
                if (!event.hasNonNull(field) || event.path(field).asText().isBlank()) {
                    throw new InvalidFieldException("[" + i + "]." + field, "required");
                }
            }
            if (!event.path("occurredAt").canConvertToLong()) {
                throw new InvalidFieldException("[" + i + "].occurredAt", "milliseconds since the epoch");
            }
            if (!event.path("objectId").asText().matches("[0-9A-Za-z_-]{1,64}")) {
                throw new InvalidFieldException("[" + i + "].objectId", "a HubSpot object id");
            }
            batch.add(event);
        }
        return batch;
    }

    private String signedUri(HttpServletRequest request) {
        if (properties.webhookUrl() != null && !properties.webhookUrl().isBlank()) {
            return properties.webhookUrl();
        }
        String query = request.getQueryString();
        return request.getRequestURL() + (query == null ? "" : "?" + query);
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
