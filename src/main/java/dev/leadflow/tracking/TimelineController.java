package dev.leadflow.tracking;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.leadflow.messaging.RecipientDirectory;

@RestController
class TimelineController {

    private final TimelineService timeline;
    private final RecipientDirectory leads;

    TimelineController(TimelineService timeline, RecipientDirectory leads) {
        this.timeline = timeline;
        this.leads = leads;
    }

    @GetMapping("/api/leads/{leadId}/timeline")
    List<TimelineEntry> timeline(@PathVariable String leadId) {
        if (leads.find(leadId).isEmpty()) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.NOT_FOUND, "No lead with id " + leadId);
        }
        return timeline.timeline(leadId);
    }
}
