package dev.leadflow.ops;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.whatsapp.UnmatchedInbox;

/**
 * What leads sent that needs an operator (JSON, HTTP Basic): the unmatched inbox ({@code GET /api/ops/inbox}),
 * assigning one of its messages to a lead, and an inbound message's media as Meta describes it.
 */
@RestController
class InboundOpsController {

    private final UnmatchedInbox inbox;

    InboundOpsController(UnmatchedInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/api/ops/inbox")
    List<UnmatchedInbox.Unmatched> inbox(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidFieldException("limit", "1 to 1000");
        }
        return inbox.list(limit);
    }

    record Assignment(String leadId) {
    }

    @PostMapping("/api/ops/inbox/{wamid}/assign")
    ResponseEntity<Object> assign(@PathVariable String wamid, @RequestBody Assignment body, Principal operator) {
        if (body == null || body.leadId() == null || !body.leadId().matches("[A-Za-z0-9._-]{1,128}")) {
            throw new InvalidFieldException("leadId", "the id of a known lead");
        }
        return inbox.assign(wamid, body.leadId(), InterventionController.name(operator))
                .<ResponseEntity<Object>>map(outcome -> ResponseEntity.ok(Map.of("wamid", wamid, "leadId",
                        body.leadId(), "outcome", outcome)))
                .orElseGet(() -> notFound("no message " + wamid + " in the unmatched inbox, or no lead "
                        + body.leadId()));
    }

    @GetMapping("/api/ops/media/{mediaId}")
    ResponseEntity<Object> media(@PathVariable String mediaId) {
        if (!mediaId.matches("[0-9]{1,40}")) {
            throw new InvalidFieldException("mediaId", "Meta's numeric media id");
        }
        return inbox.media(mediaId).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> notFound("Meta does not know media " + mediaId + " (any more)"));
    }

    private static ResponseEntity<Object> notFound(String detail) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail));
    }
}
