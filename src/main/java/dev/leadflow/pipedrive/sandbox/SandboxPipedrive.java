package dev.leadflow.pipedrive.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A fake of Pipedrive's notes API ({@code POST /v1/notes}) under {@code /sandbox/pipedrive/api}, checking the
 * {@code x-api-token} like Pipedrive, with its 429 on demand.
 */
@RestController
@ConditionalOnProperty(name = "leadflow.sandbox.enabled", havingValue = "true")
public class SandboxPipedrive {

    /** A note as Pipedrive stored it. */
    public record Note(long id, String personId, String content) {
    }

    private final List<Note> notes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(1000);
    private volatile int retryAfterSeconds = 2;
    private final String apiToken;

    SandboxPipedrive(@Value("${leadflow.pipedrive.api-token:}") String apiToken) {
        this.apiToken = apiToken;
    }

    public List<Note> notesOf(String personId) {
        synchronized (notes) {
            return notes.stream().filter(note -> note.personId().equals(personId)).toList();
        }
    }

    /** The next {@code count} requests are answered 429 with a Retry-After of {@code seconds}. */
    public void throttleNext(int count, int seconds) {
        retryAfterSeconds = seconds;
        throttled.set(count);
    }

    @PostMapping("/sandbox/pipedrive/api/v1/notes")
    ResponseEntity<Map<String, Object>> addNote(@RequestBody JsonNode note,
                                                @RequestHeader(name = "x-api-token", required = false) String token) {
        if (apiToken.isBlank() || !apiToken.equals(token)) {
            return error(HttpStatus.UNAUTHORIZED, "unauthorized access");
        }
        if (throttled.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(retryAfterSeconds))
                    .body(Map.of("success", false, "error", "Request over limit"));
        }
        String content = note.path("content").asText("");
        if (content.isBlank() || !note.path("person_id").canConvertToLong()) {
            return error(HttpStatus.BAD_REQUEST, "Note content and a person, deal, lead or organization are required");
        }
        Note stored = new Note(ids.incrementAndGet(), note.path("person_id").asText(), content);
        notes.add(stored);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", stored.id());
        data.put("content", content);
        data.put("person_id", note.path("person_id").asLong());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("success", true, "data", data));
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("success", false, "error", message));
    }
}
