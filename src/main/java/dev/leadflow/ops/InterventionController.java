package dev.leadflow.ops;

import java.security.Principal;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.leadflow.messaging.OperatorHolds.PausableSubject;

/**
 * The interventions over HTTP (JSON, HTTP Basic): the operator is the authenticated user, an optional
 * {@code reason} in the body is recorded with the action. 404 for an unknown lead, flow, message, channel
 * or template; 409 when the intervention does not apply now; nothing changes then.
 */
@RestController
class InterventionController {

    private final Interventions interventions;

    InterventionController(Interventions interventions) {
        this.interventions = interventions;
    }

    /** The optional body of every intervention. */
    record InterventionRequest(String reason, String step) {
    }

    @PostMapping("/api/leads/{leadId}/pause")
    InterventionResult pauseLead(@PathVariable String leadId, @RequestBody(required = false) InterventionRequest body,
                                 Principal operator) {
        return interventions.pauseLead(id("leadId", leadId), name(operator), reason(body));
    }

    @PostMapping("/api/leads/{leadId}/resume")
    InterventionResult resumeLead(@PathVariable String leadId, @RequestBody(required = false) InterventionRequest body,
                                  Principal operator) {
        return interventions.resumeLead(id("leadId", leadId), name(operator), reason(body));
    }

    @PostMapping("/api/leads/{leadId}/flows/{processInstanceId}/skip")
    InterventionResult skip(@PathVariable String leadId, @PathVariable String processInstanceId,
                            @RequestBody(required = false) InterventionRequest body, Principal operator) {
        String step = body == null || body.step() == null ? null : id("step", body.step());
        return interventions.skipWaitingStep(id("leadId", leadId), id("processInstanceId", processInstanceId), step,
                name(operator), reason(body));
    }

    @PostMapping("/api/leads/{leadId}/flows/{processInstanceId}/send-now")
    InterventionResult sendNow(@PathVariable String leadId, @PathVariable String processInstanceId,
                               @RequestBody(required = false) InterventionRequest body, Principal operator) {
        return interventions.sendNow(id("leadId", leadId), id("processInstanceId", processInstanceId), name(operator),
                reason(body));
    }

    @PostMapping("/api/leads/{leadId}/flows/{processInstanceId}/cancel")
    InterventionResult cancel(@PathVariable String leadId, @PathVariable String processInstanceId,
                              @RequestBody(required = false) InterventionRequest body, Principal operator) {
        return interventions.cancelFlow(id("leadId", leadId), id("processInstanceId", processInstanceId),
                name(operator), reason(body));
    }

    @PostMapping("/api/messages/{attemptId}/resend")
    InterventionResult resend(@PathVariable long attemptId, @RequestBody(required = false) InterventionRequest body,
                              Principal operator) {
        return interventions.resend(attemptId, name(operator), reason(body));
    }

    @PostMapping("/api/channels/{phoneNumberId}/{action:pause|resume}")
    InterventionResult channel(@PathVariable String phoneNumberId, @PathVariable String action,
                               @RequestBody(required = false) InterventionRequest body, Principal operator) {
        return pauseOrResume(PausableSubject.CHANNEL, id("phoneNumberId", phoneNumberId), action, body, operator);
    }

    @PostMapping("/api/templates/{name}/{action:pause|resume}")
    InterventionResult template(@PathVariable String name, @PathVariable String action,
                                @RequestBody(required = false) InterventionRequest body, Principal operator) {
        return pauseOrResume(PausableSubject.TEMPLATE, id("name", name), action, body, operator);
    }

    @ExceptionHandler(Interventions.OpsRefusal.class)
    ProblemDetail refused(Interventions.OpsRefusal e) {
        return OpsProblems.of(e);
    }

    private InterventionResult pauseOrResume(PausableSubject subject, String id, String action,
                                             InterventionRequest body, Principal operator) {
        return "pause".equals(action) ? interventions.pause(subject, id, name(operator), reason(body))
                : interventions.resume(subject, id, name(operator), reason(body));
    }

    private static String id(String field, String value) {
        return Interventions.checkedId(field, value);
    }

    private static String reason(InterventionRequest body) {
        return body == null ? null : Interventions.checkedReason(body.reason());
    }

    static String name(Principal operator) {
        return operator == null ? "unknown" : operator.getName();
    }
}
