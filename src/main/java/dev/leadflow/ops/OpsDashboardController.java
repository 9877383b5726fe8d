package dev.leadflow.ops;

import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.flow.SendQueue;

/**
 * The dashboard's data over the API (HTTP Basic): {@code GET /api/ops/dashboard} as JSON, the funnel and the
 * failures as CSV, {@code GET /api/ops/stuck-leads} and {@code GET /api/ops/send-queue} (the backlog of sends
 * due, by priority lane). Cockpit's "Leadflow" page shows the same.
 */
@RestController
class OpsDashboardController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final FlowDashboard dashboard;
    private final StuckLeads stuckLeads;
    private final SendQueue sendQueue;

    OpsDashboardController(FlowDashboard dashboard, StuckLeads stuckLeads, SendQueue sendQueue) {
        this.dashboard = dashboard;
        this.stuckLeads = stuckLeads;
        this.sendQueue = sendQueue;
    }

    /** Backpressure a CRM or an operator can see: how many sends wait, and for how long the oldest has. */
    @GetMapping("/api/ops/send-queue")
    SendQueue.Backlog sendQueue() {
        return sendQueue.now();
    }

    @GetMapping("/api/ops/dashboard")
    FlowDashboard.Dashboard dashboard(@RequestParam(defaultValue = "12") int weeks) {
        return dashboard.dashboard(FlowDashboard.checkedWeeks(weeks));
    }

    @GetMapping("/api/ops/dashboard/funnel.csv")
    ResponseEntity<String> funnelCsv(@RequestParam(defaultValue = "12") int weeks) {
        return csv("leadflow-funnel.csv", dashboard.funnelCsv(FlowDashboard.checkedWeeks(weeks)));
    }

    @GetMapping("/api/ops/dashboard/failures.csv")
    ResponseEntity<String> failuresCsv(@RequestParam(defaultValue = "12") int weeks) {
        return csv("leadflow-failures.csv", dashboard.failuresCsv(FlowDashboard.checkedWeeks(weeks)));
    }

    @GetMapping("/api/ops/stuck-leads")
    StuckLeads.Report stuckLeads(@RequestParam(defaultValue = "P7D") String waitingLongerThan,
                                 @RequestParam(defaultValue = "100") int limit) {
        Duration threshold = StuckLeads.checkedThreshold(waitingLongerThan);
        if (limit < 1 || limit > 1000) {
            throw new InvalidFieldException("limit", "1 to 1000");
        }
        return stuckLeads.find(threshold, limit);
    }

    private static ResponseEntity<String> csv(String file, String body) {
        return ResponseEntity.ok().contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").body(body);
    }
}
