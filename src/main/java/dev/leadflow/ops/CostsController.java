package dev.leadflow.ops;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What messages cost and which ads bring leads (JSON and CSV, HTTP Basic): {@code GET /api/ops/costs},
 * {@code GET /api/ops/costs.csv}, {@code GET /api/ops/dashboard/ad-sources} and its {@code .csv}.
 */
@RestController
class CostsController {

    private final CostDashboard costs;

    CostsController(CostDashboard costs) {
        this.costs = costs;
    }

    @GetMapping("/api/ops/costs")
    CostDashboard.Costs costs(@RequestParam(defaultValue = "12") int weeks) {
        return costs.costs(FlowDashboard.checkedWeeks(weeks));
    }

    @GetMapping("/api/ops/costs.csv")
    ResponseEntity<String> costsCsv(@RequestParam(defaultValue = "12") int weeks) {
        return csv("leadflow-costs.csv", costs.costsCsv(FlowDashboard.checkedWeeks(weeks)));
    }

    @GetMapping("/api/ops/dashboard/ad-sources")
    List<CostDashboard.AdSourceRow> adSources(@RequestParam(defaultValue = "12") int weeks) {
        return costs.adSources(FlowDashboard.checkedWeeks(weeks));
    }

    @GetMapping("/api/ops/dashboard/ad-sources.csv")
    ResponseEntity<String> adSourcesCsv(@RequestParam(defaultValue = "12") int weeks) {
        return csv("leadflow-ad-sources.csv", costs.adSourcesCsv(FlowDashboard.checkedWeeks(weeks)));
    }

    private static ResponseEntity<String> csv(String file, String body) {
        return ResponseEntity.ok().contentType(OpsDashboardController.CSV)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").body(body);
    }
}
