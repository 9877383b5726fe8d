package dev.leadflow.crmevents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.leadflow.crm.InvalidFieldException;

/**
 * The pull feed for CRMs that cannot receive webhooks: the same events, oldest first, after a cursor.
 * A reader keeps the {@code next} cursor of each page and asks again from it.
 */
@RestController
class EventFeedController {

    static final int MAX_LIMIT = 1000;

    private final OutboundEvents events;
    private final ObjectMapper json;
    private final CrmEventsProperties properties;

    EventFeedController(OutboundEvents events, ObjectMapper json, CrmEventsProperties properties) {
        this.events = events;
        this.json = json;
        this.properties = properties;
    }

    @GetMapping("/api/events")
    Map<String, Object> feed(@RequestParam(name = "after", required = false) String after,
                             @RequestParam(name = "limit", required = false) String limit) {
        long cursor = number("after", after, 0, Long.MAX_VALUE, 0);
        int size = (int) number("limit", limit, 1, MAX_LIMIT, 100);
        List<OutboundEvent> page = events.after(cursor, size, properties.feedSettle());
        List<ObjectNode> items = new ArrayList<>();
        for (OutboundEvent event : page) {
            items.add(withCursor(event));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("events", items);
        answer.put("next", String.valueOf(page.isEmpty() ? cursor : page.get(page.size() - 1).seq()));
        return answer;
    }

    private ObjectNode withCursor(OutboundEvent event) {
        try {
            ObjectNode node = (ObjectNode) json.readTree(event.body());
            node.put("cursor", String.valueOf(event.seq()));
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable outbound event " + event.seq(), e);
        }
    }

    private static long number(String field, String value, long min, long max, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number < min || number > max) {
                throw new InvalidFieldException(field, "from " + min + " to " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "a whole number");
        }
    }
}
