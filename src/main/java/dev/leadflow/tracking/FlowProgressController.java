package dev.leadflow.tracking;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.crm.UnknownLeadException;
import dev.leadflow.messaging.RecipientDirectory;

/**
 * Where each flow of a lead or a meeting stands (contract.md). A lead Leadflow does not know is 404; a
 * meeting is only known through its flows, so a meeting without any answers an empty list.
 */
@RestController
class FlowProgressController {

    private static final int MAX_MEETING_ID_LENGTH = 200;

    private final FlowProgressService progress;
    private final RecipientDirectory leads;

    FlowProgressController(FlowProgressService progress, RecipientDirectory leads) {
        this.progress = progress;
        this.leads = leads;
    }

    @GetMapping("/api/leads/{leadId}/flows")
    List<FlowProgress> ofLead(@PathVariable String leadId) {
        if (leads.find(leadId).isEmpty()) {
            throw new UnknownLeadException(leadId);
        }
        return progress.ofLead(leadId);
    }

    @GetMapping("/api/meetings/{meetingId}/flows")
    List<FlowProgress> ofMeeting(@PathVariable String meetingId) {
        if (meetingId.isBlank() || meetingId.length() > MAX_MEETING_ID_LENGTH) {
            throw new InvalidFieldException("meetingId", "1 to " + MAX_MEETING_ID_LENGTH + " characters");
        }
        return progress.ofMeeting(meetingId);
    }
}
