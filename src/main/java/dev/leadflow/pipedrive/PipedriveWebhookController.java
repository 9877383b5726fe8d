package dev.leadflow.pipedrive;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.crm.InvalidFieldException;

/**
 * Pipedrive's webhook (v2). Pipedrive authenticates with HTTP Basic on the webhook URL: the webhook is
 * created with Leadflow's CRM API login, which Spring Security checks before this runs (401 otherwise). A
 * payload that is not a v2 webhook is refused with 400 and nothing is written.
 */
@RestController
class PipedriveWebhookController {

    private final PipedriveProperties properties;
    private final PipedriveEvents events;
    private final ObjectMapper json;

    PipedriveWebhookController(PipedriveProperties properties, PipedriveEvents events, ObjectMapper json) {
        this.properties = properties;
        this.events = events;
        this.json = json;
    }

    @PostMapping("/webhooks/pipedrive")
    ResponseEntity<?> receive(@RequestBody String body) {
        if (!properties.enabled()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "The Pipedrive adapter is not enabled (leadflow.pipedrive.enabled)"));
        }
        JsonNode webhook = checked(body);
        return ResponseEntity.ok(Map.of("eventId", webhook.path("meta").path("id").asText(),
                "outcome", events.handle(webhook)));
    }

    private JsonNode checked(String body) {
        JsonNode webhook;
        try {
            webhook = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "not JSON");
        }
        if (webhook == null || !webhook.isObject()) {
            throw new InvalidFieldException("body", "a Pipedrive webhook (v2) object");
        }
        JsonNode meta = webhook.path("meta");
        if (!meta.path("version").asText("").startsWith("2.")) {
            throw new InvalidFieldException("meta.version", "webhooks v2 only (create the webhook with version 2.0)");
        }
        for (String field : List.of("id", "action", "entity", "entity_id")) {
            if (!meta.hasNonNull(field) || meta.path(field).asText().isBlank()) {
                throw new InvalidFieldException("meta." + field, "required");
            }
        }
        if (!meta.path("entity_id").asText().matches("[0-9A-Za-z_-]{1,64}")) {
            throw new InvalidFieldException("meta.entity_id", "a Pipedrive id");
        }
        if (!List.of("create", "change", "delete").contains(meta.path("action").asText())) {
            throw new InvalidFieldException("meta.action", "create, change or delete");
        }
        if (!meta.path("action").asText().equals("delete") && !webhook.path("data").isObject()) {
            throw new InvalidFieldException("data", "required: the record");
        }
        return webhook;
    }
}
