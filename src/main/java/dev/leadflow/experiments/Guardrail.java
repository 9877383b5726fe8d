package dev.leadflow.experiments;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.leadflow.experiments.ExperimentProperties.Definition;

/**
 * Stops a variant whose failure, block or opt-out rate is clearly worse than the control's (one-sided
 * two-proportion z-test at the experiment's guardrail alpha, once both have enough leads): its leads get the
 * control from then on. A stop is recorded with its reason and shown with the results.
 */
@Component
class Guardrail {

    private static final Logger log = LoggerFactory.getLogger(Guardrail.class);
    /** Fewest leads per variant before the guardrail judges, whatever the experiment's own minimum. */
    static final int MIN_LEADS = 30;

    private final ExperimentResults results;
    private final ExperimentStore store;
    private final Clock clock;

    Guardrail(ExperimentResults results, ExperimentStore store, Clock clock) {
        this.results = results;
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${leadflow.experiments.guardrail-interval:PT5M}",
            initialDelayString = "${leadflow.experiments.guardrail-interval:PT5M}")
    void onSchedule() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("The experiments' guardrail could not run: {}", e.toString());
        }
    }

    /** @return the variants stopped by this check, as "experiment/variant" */
    List<String> check() {
        List<String> stopped = new ArrayList<>();
        for (ExperimentReport report : results.all()) {
            if (report.ending() != null) {
                continue;
            }
            Definition definition = results.definitions().get(report.id());
            ExperimentReport.VariantResult control = report.variants().stream()
                    .filter(ExperimentReport.VariantResult::control).findFirst().orElseThrow();
            for (ExperimentReport.VariantResult variant : report.variants()) {
                if (variant.control() || variant.stoppedByGuardrail() != null) {
                    continue;
                }
                reasonToStop(definition, control.name(), control.counts(), variant.counts()).ifPresent(reason -> {
                    if (store.stop(report.id(), variant.name(), "guardrail", reason, clock.instant())) {
                        log.warn("Experiment {}: variant {} stopped by the guardrail: {}", report.id(), variant.name(),
                                reason);
                        stopped.add(report.id() + "/" + variant.name());
                    }
                });
            }
        }
        return stopped;
    }

    static Optional<String> reasonToStop(Definition definition, String controlName, VariantCounts control,
                                                   VariantCounts challenger) {
        if (control.assigned() < MIN_LEADS || challenger.assigned() < MIN_LEADS) {
            return Optional.empty();
        }
        double z = Proportions.zStatistic(control.harmed(), control.assigned(), challenger.harmed(),
                challenger.assigned());
        double p = Proportions.oneSidedP(z);
        if (z <= 0 || p >= definition.getGuardrailAlpha()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "failed, blocked or opted out: %.1f %% of %d leads against %.1f %% of %d for the control %s (p = %.4f)",
                100.0 * challenger.harmed() / challenger.assigned(), challenger.assigned(),
                100.0 * control.harmed() / control.assigned(), control.assigned(), controlName, p));
    }
}
