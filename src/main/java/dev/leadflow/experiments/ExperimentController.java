package dev.leadflow.experiments;

import java.io.IOException;
import java.io.StringWriter;
import java.security.Principal;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The template experiments over HTTP: results (JSON, CSV) and the one action that ends an experiment,
 * promoting its winner (audited with the operator and the reason).
 */
@RestController
class ExperimentController {

    private final ExperimentResults results;

    ExperimentController(ExperimentResults results) {
        this.results = results;
    }

    record PromoteRequest(String variant, String reason) {
    }

    @GetMapping("/api/experiments")
    List<ExperimentReport> all() {
        return results.all();
    }

    @GetMapping("/api/experiments/{experimentId}")
    ExperimentReport one(@PathVariable String experimentId) {
        return results.of(experimentId);
    }

    @GetMapping(value = "/api/experiments/{experimentId}/results.csv", produces = "text/csv")
    String csv(@PathVariable String experimentId) throws IOException {
        return ExperimentCsv.of(List.of(results.of(experimentId)));
    }

    @GetMapping(value = "/api/experiments/results.csv", produces = "text/csv")
    String csvOfAll() throws IOException {
        return ExperimentCsv.of(results.all());
    }

    @PostMapping("/api/experiments/{experimentId}/promote")
    ExperimentReport promote(@PathVariable String experimentId, @RequestBody(required = false) PromoteRequest body,
                             Principal operator) {
        if (body == null || body.variant() == null || body.variant().isBlank()) {
            throw new InvalidVariantException("variant: name the variant to promote");
        }
        String reason = body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        if (reason != null && reason.length() > 1000) {
            throw new InvalidVariantException("reason: at most 1000 characters");
        }
        try {
            return results.promote(experimentId, body.variant().strip(), operator.getName(), reason);
        } catch (IllegalArgumentException unknownVariant) {
            throw new InvalidVariantException("variant: " + unknownVariant.getMessage());
        }
    }

    static class InvalidVariantException extends RuntimeException {
        InvalidVariantException(String message) {
            super(message);
        }
    }

    @ExceptionHandler(InvalidVariantException.class)
    ProblemDetail invalid(InvalidVariantException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(UnknownExperimentException.class)
    ProblemDetail unknown(UnknownExperimentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail ended(IllegalStateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /** The results as CSV, one row per variant. */
    static final class ExperimentCsv {

        private static final String[] HEADER = {"experiment", "status", "metric", "variant", "control", "template",
                "holdout", "timing", "assigned", "sent", "delivered", "read", "replied", "meeting_booked", "deal_won",
                "failed", "blocked", "rate", "rate_low_95", "rate_high_95", "difference_vs_control", "p_value",
                "significant", "stopped_by_guardrail", "verdict"};

        private ExperimentCsv() {
        }

        static String of(List<ExperimentReport> reports) throws IOException {
            StringWriter out = new StringWriter();
            try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
                for (ExperimentReport report : reports) {
                    for (ExperimentReport.VariantResult v : report.variants()) {
                        VariantCounts c = v.counts();
                        csv.printRecord(report.id(), report.status(), report.metric().name().toLowerCase(Locale.ROOT),
                                v.name(), v.control(), v.template() == null ? "" : v.template(), v.holdout(),
                                v.timing().name().toLowerCase(Locale.ROOT), c.assigned(), c.sent(), c.delivered(),
                                c.read(), c.replied(), c.meetingBooked(), c.dealWon(), c.failed(), c.blocked(),
                                decimal(v.rate()), decimal(v.interval().low()), decimal(v.interval().high()),
                                v.vsControl() == null ? "" : decimal(v.vsControl().difference()),
                                v.vsControl() == null ? "" : decimal(v.vsControl().pValue()),
                                v.vsControl() != null && v.vsControl().significant(),
                                v.stoppedByGuardrail() == null ? "" : v.stoppedByGuardrail().reason(),
                                report.verdict());
                    }
                }
            }
            return out.toString();
        }

        private static String decimal(double value) {
            return String.format(Locale.ROOT, "%.6f", value);
        }
    }
}
