package dev.leadflow.tracking;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.messaging.RecipientDirectory;

/**
 * A lead's timeline, whole or in pages: {@code ?limit=50} answers the first 50 entries and, when more
 * remain, a {@code Link: <...?limit=50&after=...>; rel="next"} header to the next page.
 */
@RestController
class TimelineController {

    static final int MAX_LIMIT = 1000;

    private final TimelineService timeline;
    private final RecipientDirectory leads;

    TimelineController(TimelineService timeline, RecipientDirectory leads) {
        this.timeline = timeline;
        this.leads = leads;
    }

    @GetMapping("/api/leads/{leadId}/timeline")
    ResponseEntity<List<TimelineEntry>> timeline(@PathVariable String leadId,
                                                 @RequestParam(required = false) Integer limit,
                                                 @RequestParam(required = false) String after) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new InvalidFieldException("limit", "between 1 and " + MAX_LIMIT);
        }
        if (leads.find(leadId).isEmpty()) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.NOT_FOUND, "No lead with id " + leadId);
        }
        List<TimelineEntry> entries = timeline.timeline(leadId);
        if (limit == null && after == null) {
            return ResponseEntity.ok(entries);
        }
        int pageSize = limit == null ? MAX_LIMIT : limit;
        TimelinePage page;
        try {
            page = TimelinePage.of(entries, after, pageSize);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("after", "not a cursor from a Link header of this API");
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (page.next() != null) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("limit", pageSize)
                    .replaceQueryParam("after", page.next())
                    .build().toUriString();
            ok.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return ok.body(page.entries());
    }
}
