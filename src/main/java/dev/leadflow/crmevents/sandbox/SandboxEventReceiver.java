package dev.leadflow.crmevents.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.leadflow.crmevents.EventSignature;

/**
 * A CRM's webhook receiver in the sandbox: subscribe {@code /sandbox/crm/receivers/<name>} and see what a
 * CRM would get. It keeps every request as received, and can be taken down (answers 503) to watch the
 * retries and the catch-up.
 */
@RestController
@ConditionalOnProperty(name = "leadflow.sandbox.enabled", havingValue = "true")
public class SandboxEventReceiver {

    /** One request as it arrived. */
    public record Received(String eventId, String timestamp, String signature, String body) {

        public boolean signedWith(String secret, java.time.Instant now) {
            return EventSignature.verify(secret, timestamp, signature, body, now);
        }
    }

    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    SandboxEventReceiver(Clock clock) {
        this.clock = clock;
    }

    @PostMapping("/sandbox/crm/receivers/{name}")
    ResponseEntity<Void> receive(
            @PathVariable String name,
            @RequestHeader(name = EventSignature.EVENT_ID_HEADER, required = false) String eventId,
            @RequestHeader(name = EventSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = EventSignature.SIGNATURE_HEADER, required = false) String signature,
            @RequestBody String body) {
        if (down.contains(name)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        received.computeIfAbsent(name, key -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(new Received(eventId, timestamp, signature, body));
        return ResponseEntity.noContent().build();
    }

    /** What the receiver got, oldest first (behind the login, like the rest of the sandbox's pages). */
    @GetMapping("/sandbox/crm/receivers/{name}")
    public List<Received> received(@PathVariable String name) {
        List<Received> requests = received.getOrDefault(name, List.of());
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void takeDown(String name) {
        down.add(name);
    }

    public void bringUp(String name) {
        down.remove(name);
    }

    /** Whether a request's signature and timestamp hold now. */
    public boolean verified(Received request, String secret) {
        return request.signedWith(secret, clock.instant());
    }
}
