package dev.leadflow.crmevents;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.leadflow.crm.InvalidFieldException;

/**
 * The CRM's subscriptions to the event feed, and what ops need about them: which ones fail and since
 * when, and a replay of a range of events.
 */
@RestController
@RequestMapping("/api/subscriptions")
class SubscriptionController {

    static final int MIN_SECRET_LENGTH = 16;

    record SubscriptionRequest(String url, String secret, List<String> events) {
    }

    record ReplayRequest(Long fromCursor, Long toCursor) {
    }

    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final Clock clock;

    SubscriptionController(Subscriptions subscriptions, Deliveries deliveries, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody SubscriptionRequest request) {
        String url = checkedUrl(request.url());
        String secret = request.secret();
        if (secret == null || secret.length() < MIN_SECRET_LENGTH || secret.length() > 500) {
            throw new InvalidFieldException("secret", "required, " + MIN_SECRET_LENGTH + " to 500 characters");
        }
        Set<String> types = checkedTypes(request.events());
        String id = UUID.randomUUID().toString();
        subscriptions.insert(id, Subscriptions.WEBHOOK, url, secret, types, clock.instant());
        return ResponseEntity.created(URI.create("/api/subscriptions/" + id)).body(view(find(id)));
    }

    @GetMapping
    List<Map<String, Object>> list(@RequestParam(name = "failing", required = false) Boolean failing) {
        return subscriptions.all().stream()
                .filter(subscription -> failing == null || subscription.failing() == failing)
                .map(this::view).toList();
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return view(find(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!subscriptions.deactivate(id)) {
            throw unknown(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** Queues the events of the cursor range again for this subscription, in order. */
    @PostMapping("/{id}/replay")
    ResponseEntity<Map<String, Object>> replay(@PathVariable String id, @RequestBody ReplayRequest request) {
        Subscriptions.Subscription subscription = find(id);
        if (!subscription.active()) {
            throw unknown(id);
        }
        if (request.fromCursor() == null || request.fromCursor() < 1) {
            throw new InvalidFieldException("fromCursor", "required, a cursor of GET /api/events (1 or more)");
        }
        long to = request.toCursor() == null ? Long.MAX_VALUE : request.toCursor();
        if (to < request.fromCursor()) {
            throw new InvalidFieldException("toCursor", "not before fromCursor");
        }
        int queued = deliveries.replay(id, request.fromCursor(), to, clock.instant());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subscription", id);
        answer.put("queued", queued);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    private Subscriptions.Subscription find(String id) {
        return subscriptions.find(id).filter(Subscriptions.Subscription::active).orElseThrow(() -> unknown(id));
    }

    private Map<String, Object> view(Subscriptions.Subscription subscription) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", subscription.id());
        view.put("kind", subscription.kind());
        view.put("url", subscription.url());
        view.put("events", subscription.eventTypes());
        view.put("createdAt", subscription.createdAt());
        view.put("failing", subscription.failing());
        view.put("failingSince", subscription.failingSince());
        view.put("consecutiveFailures", subscription.consecutiveFailures());
        view.put("lastError", subscription.lastError());
        view.put("nextAttemptAt", subscription.retryAt());
        view.put("lastSuccessAt", subscription.lastSuccessAt());
        view.put("deliveries", deliveries.countsByStatus(subscription.id()));
        return view;
    }

    private static String checkedUrl(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw new InvalidFieldException("url", "required, an http or https URL");
        }
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new InvalidFieldException("url", "an absolute http or https URL");
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("url", "not a URL");
        }
    }

    private static Set<String> checkedTypes(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw new InvalidFieldException("events", "required: one or more event types, or \"*\" for all");
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String type = events.get(i);
            if (!Subscriptions.ALL.equals(type) && EventType.fromWireName(type).isEmpty()) {
                throw new InvalidFieldException("events[" + i + "]", "unknown event type: " + type);
            }
            types.add(type);
        }
        return types;
    }

    private static ResponseStatusException unknown(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No subscription " + id);
    }
}
