package dev.leadflow.legacy;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.leadflow.flow.ResumePoint;
import dev.leadflow.legacy.FlowModes.Change;
import dev.leadflow.legacy.FlowModes.FlowMode;

/** The migration from the legacy automations: import, per-lead facts, per-flow modes, the shadow report. */
@RestController
@RequestMapping("/api/legacy")
class LegacyController {

    private final LegacyImport imports;
    private final JdbcTracking jdbcSource;
    private final LegacyFacts facts;
    private final Resumptions resumptions;
    private final FlowModes modes;
    private final ShadowReport shadowReport;

    LegacyController(LegacyImport imports, JdbcTracking jdbcSource, LegacyFacts facts, Resumptions resumptions,
                     FlowModes modes, ShadowReport shadowReport) {
        this.imports = imports;
        this.jdbcSource = jdbcSource;
        this.facts = facts;
        this.resumptions = resumptions;
        this.modes = modes;
        this.shadowReport = shadowReport;
    }

    /** Legacy tracking as CSV; a dry run (the default) only reports. */
    @PostMapping(path = "/imports", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ImportReport importCsv(@RequestBody String csv, @RequestParam(defaultValue = "true") boolean dryRun) {
        return imports.run(CsvTracking.read("csv upload", csv), dryRun);
    }

    record ImportRequest(String source) {
    }

    /** From the configured JDBC source ({@code {"source":"jdbc"}}). */
    @PostMapping(path = "/imports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> importJdbc(@RequestBody ImportRequest request,
                                      @RequestParam(defaultValue = "true") boolean dryRun) {
        if (request == null || !"jdbc".equals(request.source())) {
            return fieldProblem("source", "only \"jdbc\" (the configured leadflow.legacy.source) is known;"
                    + " post CSV as text/csv");
        }
        return ResponseEntity.ok(imports.run(jdbcSource.read(), dryRun));
    }

    record LeadFacts(String leadId, List<LegacyFact> facts, ResumePoint lastStep, String resumesAt) {
    }

    /** What the legacy system did for a lead, and where the lead resumes in Leadflow. */
    @GetMapping("/leads/{leadId}")
    LeadFacts lead(@PathVariable String leadId) {
        List<LegacyFact> leadFacts = facts.ofLead(leadId);
        Optional<ResumePoint> progress = resumptions.of(leadId);
        return new LeadFacts(leadId, leadFacts, progress.orElse(null), progress
                .filter(p -> p.notResumedBecause() == null).flatMap(resumptions::pointOf).orElse(null));
    }

    @GetMapping("/flows")
    List<FlowMode> flows() {
        return modes.all();
    }

    record ModeView(String flow, HandoverMode mode, String setBy, String changedBy, Instant changedAt,
                    List<Change> changes) {
    }

    @GetMapping("/flows/{flow}/mode")
    ResponseEntity<Object> mode(@PathVariable String flow) {
        return modes.of(flow).<ResponseEntity<Object>>map(mode -> ResponseEntity.ok(view(mode)))
                .orElseGet(() -> unknownFlow(flow));
    }

    record ModeRequest(String mode, String reason) {
    }

    /** Switches who sends the flow's messages; audited with the caller and the reason. */
    @PutMapping(path = "/flows/{flow}/mode", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> switchMode(@PathVariable String flow, @RequestBody ModeRequest request, Principal caller) {
        HandoverMode mode;
        try {
            mode = FlowModes.parse(request.mode());
        } catch (RuntimeException e) {
            return fieldProblem("mode", "one of legacy, shadow, leadflow");
        }
        String reason = request.reason() == null ? null : request.reason().strip();
        if (reason != null && reason.length() > 1000) {
            return fieldProblem("reason", "at most 1000 characters");
        }
        return modes.switchTo(flow, mode, caller == null ? "unknown" : caller.getName(), reason)
                .<ResponseEntity<Object>>map(changed -> ResponseEntity.ok(view(changed)))
                .orElseGet(() -> unknownFlow(flow));
    }

    @GetMapping("/shadow-report")
    ResponseEntity<Object> shadowReport(@RequestParam(required = false) String flow,
                                        @RequestParam(required = false) String since) {
        Instant from;
        try {
            from = since == null || since.isBlank() ? null : Instant.parse(since);
        } catch (RuntimeException e) {
            return fieldProblem("since", "an ISO-8601 instant such as 2026-03-04T15:00:00Z");
        }
        return ResponseEntity.ok(shadowReport.compare(flow, from));
    }

    @ExceptionHandler(NotTrackingDataException.class)
    ResponseEntity<Object> notTrackingData(NotTrackingDataException e) {
        return fieldProblem("body", e.getMessage());
    }

    private ModeView view(FlowMode mode) {
        return new ModeView(mode.flow(), mode.mode(), mode.setBy(), mode.changedBy(), mode.changedAt(),
                modes.changes(mode.flow()));
    }

    private static ResponseEntity<Object> fieldProblem(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> unknownFlow(String flow) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no deployed flow " + flow);
        problem.setTitle("Unknown flow");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
