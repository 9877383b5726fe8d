package dev.leadflow.hubspot.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A fake of the part of HubSpot's CRM API the adapter uses (contacts, meetings, deal associations, notes),
 * on HubSpot's paths and JSON under {@code /sandbox/hubspot}, bearer-checked like HubSpot, with its 429
 * answer on demand. Tests and the sandbox put contacts, meetings and deals in; notes come out.
 */
@RestController
@ConditionalOnProperty(name = "leadflow.sandbox.enabled", havingValue = "true")
public class SandboxHubSpot {

    /** A note as HubSpot stored it. */
    public record Note(String id, String contactId, String body, String timestamp) {
    }

    private final Map<String, Map<String, String>> contacts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> meetings = new ConcurrentHashMap<>();
    private final Map<String, List<String>> meetingContacts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> dealContacts = new ConcurrentHashMap<>();
    private final List<Note> notes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int retryAfterSeconds = 1;
    private final AtomicLong ids = new AtomicLong(90_000_000L);
    private final String accessToken;
    private final Clock clock;

    SandboxHubSpot(@Value("${leadflow.hubspot.access-token:}") String accessToken, Clock clock) {
        this.accessToken = accessToken;
        this.clock = clock;
    }

    public void putContact(String id, Map<String, String> properties) {
        contacts.put(id, new LinkedHashMap<>(properties));
    }

    public void putMeeting(String id, Map<String, String> properties, List<String> contactIds) {
        meetings.put(id, new LinkedHashMap<>(properties));
        meetingContacts.put(id, List.copyOf(contactIds));
    }

    public void putDeal(String id, List<String> contactIds) {
        dealContacts.put(id, List.copyOf(contactIds));
    }

    public List<Note> notesOf(String contactId) {
        synchronized (notes) {
            return notes.stream().filter(note -> note.contactId().equals(contactId)).toList();
        }
    }

    /** The next {@code count} requests are answered 429 with a Retry-After of {@code seconds}. */
    public void throttleNext(int count, int seconds) {
        retryAfterSeconds = seconds;
        throttled.set(count);
    }

    public int requests() {
        return requests.get();
    }

    /** Creates a contact as HubSpot's {@code POST /crm/v3/objects/contacts} does: new id, the properties given. */
    @PostMapping("/sandbox/hubspot/crm/v3/objects/contacts")
    ResponseEntity<Map<String, Object>> createContact(@RequestBody JsonNode contact,
            @RequestHeader(name = "Authorization", required = false) String auth) {
        ResponseEntity<Map<String, Object>> refused = refused(auth);
        if (refused != null) {
            return refused;
        }
        if (!contact.path("properties").isObject()) {
            return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", "properties are required");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        contact.path("properties").fields().forEachRemaining(field -> properties.put(field.getKey(),
                field.getValue().asText()));
        String id = String.valueOf(ids.incrementAndGet());
        contacts.put(id, properties);
        return ResponseEntity.status(HttpStatus.CREATED).body(object(id, properties));
    }

    @GetMapping("/sandbox/hubspot/crm/v3/objects/contacts/{id}")
    ResponseEntity<Map<String, Object>> contact(@PathVariable String id,
            @RequestParam(required = false) String properties,
            @RequestHeader(name = "Authorization", required = false) String auth) {
        ResponseEntity<Map<String, Object>> refused = refused(auth);
        if (refused != null) {
            return refused;
        }
        Map<String, String> contact = contacts.get(id);
        if (contact == null) {
            return notFound(id);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("hs_object_id", id);
        if (properties != null) {
            for (String name : properties.split(",")) {
                props.put(name, contact.get(name));
            }
        }
        return ResponseEntity.ok(object(id, props));
    }

    @GetMapping("/sandbox/hubspot/crm/v3/objects/meetings/{id}")
    ResponseEntity<Map<String, Object>> meeting(@PathVariable String id,
            @RequestHeader(name = "Authorization", required = false) String auth) {
        ResponseEntity<Map<String, Object>> refused = refused(auth);
        if (refused != null) {
            return refused;
        }
        Map<String, String> meeting = meetings.get(id);
        if (meeting == null) {
            return notFound(id);
        }
        Map<String, Object> answer = object(id, new LinkedHashMap<>(meeting));
        answer.put("associations", Map.of("contacts", Map.of("results", meetingContacts.get(id).stream()
                .map(contact -> Map.of("id", contact, "type", "meeting_event_to_contact")).toList())));
        return ResponseEntity.ok(answer);
    }

    @GetMapping("/sandbox/hubspot/crm/v4/objects/deals/{id}/associations/contacts")
    ResponseEntity<Map<String, Object>> dealContacts(@PathVariable String id,
            @RequestHeader(name = "Authorization", required = false) String auth) {
        ResponseEntity<Map<String, Object>> refused = refused(auth);
        if (refused != null) {
            return refused;
        }
        List<Map<String, Object>> results = dealContacts.getOrDefault(id, List.of()).stream()
                .map(contact -> Map.<String, Object>of("toObjectId", Long.parseLong(contact), "associationTypes",
                        List.of(Map.of("category", "HUBSPOT_DEFINED", "typeId", 3, "label", ""))))
                .toList();
        return ResponseEntity.ok(Map.of("results", results));
    }

    @PostMapping("/sandbox/hubspot/crm/v3/objects/notes")
    ResponseEntity<Map<String, Object>> createNote(@RequestBody JsonNode note,
            @RequestHeader(name = "Authorization", required = false) String auth) {
        ResponseEntity<Map<String, Object>> refused = refused(auth);
        if (refused != null) {
            return refused;
        }
        String body = note.path("properties").path("hs_note_body").asText("");
        String timestamp = note.path("properties").path("hs_timestamp").asText("");
        JsonNode association = note.path("associations").path(0);
        String contactId = association.path("to").path("id").asText("");
        if (body.isEmpty() || timestamp.isEmpty() || contactId.isEmpty()
                || association.path("types").path(0).path("associationTypeId").asInt() != 202) {
            return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", "Property values were not valid");
        }
        if (!contacts.containsKey(contactId)) {
            return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", "No contact with id " + contactId);
        }
        String id = String.valueOf(ids.incrementAndGet());
        notes.add(new Note(id, contactId, body, timestamp));
        return ResponseEntity.status(HttpStatus.CREATED).body(object(id, Map.of("hs_note_body", body,
                "hs_timestamp", timestamp)));
    }

    private ResponseEntity<Map<String, Object>> refused(String auth) {
        requests.incrementAndGet();
        if (accessToken.isBlank() || !("Bearer " + accessToken).equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "INVALID_AUTHENTICATION",
                    "Authentication credentials not found.");
        }
        if (throttled.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "error");
            body.put("message", "You have reached your ten_secondly_rolling limit.");
            body.put("errorType", "RATE_LIMIT");
            body.put("policyName", "TEN_SECONDLY_ROLLING");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(retryAfterSeconds)).body(body);
        }
        return null;
    }

    private Map<String, Object> object(String id, Map<String, ?> properties) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", id);
        object.put("properties", properties);
        object.put("createdAt", clock.instant().toString());
        object.put("updatedAt", clock.instant().toString());
        object.put("archived", false);
        return object;
    }

    private static ResponseEntity<Map<String, Object>> notFound(String id) {
        return error(HttpStatus.NOT_FOUND, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.");
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String category, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        body.put("category", category);
        return ResponseEntity.status(status).body(body);
    }
}
