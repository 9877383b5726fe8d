package dev.leadflow.ops;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.leadflow.flow.FlowMigrations;

/**
 * Moves the leads waiting in older versions of a flow to its latest version. A dry run (the default) lists,
 * per lead, where it waits now, where it would wait and what it would be sent next; {@code dryRun=false}
 * migrates, and each migrated lead's timeline records who moved it, from which version and where it waits.
 */
@RestController
class FlowMigrationController {

    private final FlowMigrations migrations;
    private final OpsActions actions;

    FlowMigrationController(FlowMigrations migrations, OpsActions actions) {
        this.migrations = migrations;
        this.actions = actions;
    }

    @PostMapping("/api/flows/{flow}/migrations")
    FlowMigrations.Report migrate(@PathVariable String flow,
                                  @RequestParam(defaultValue = "true") boolean dryRun, Principal operator) {
        String key = Interventions.checkedId("flow", flow);
        if (dryRun) {
            return migrations.dryRun(key);
        }
        FlowMigrations.Report report = migrations.migrate(key);
        for (FlowMigrations.LeadMove lead : report.leads()) {
            if (lead.migrated()) {
                actions.record(InterventionController.name(operator), OpsActions.Action.MIGRATE_FLOW, lead.leadId(),
                        key + " (version " + lead.fromVersion() + " to " + report.targetVersion() + ")", null,
                        "waits at " + String.join(", ", lead.waitsAfter())
                                + (lead.nextSend() == null ? "" : "; next message " + lead.nextSend()));
            }
        }
        return report;
    }

    @ExceptionHandler(FlowMigrations.UnknownFlowException.class)
    ProblemDetail unknown(FlowMigrations.UnknownFlowException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }
}
