package dev.leadflow.experiments;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.leadflow.experiments.ExperimentProperties.Definition;
import dev.leadflow.experiments.ExperimentProperties.Variant;
import dev.leadflow.ops.OpsProperties;

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

    private final Experiments experiments;
    private final ExperimentStore store;
    private final OutcomeQueries outcomes;
    private final Clock clock;
    private final Duration attributionWindow;

    Guardrail(Experiments experiments, ExperimentStore store, OutcomeQueries outcomes, Clock clock,
              OpsProperties ops) {
        this.experiments = experiments;
        this.store = store;
        this.outcomes = outcomes;
        this.clock = clock;
        this.attributionWindow = ops.attributionWindow();
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
        experiments.definitions().forEach((id, definition) -> {
            if (store.endingOf(id).isPresent()) {
                return;
            }
            Set<String> alreadyStopped = store.stopsOf(id).stream().map(ExperimentStore.Stop::variant)
                    .collect(Collectors.toSet());
            Map<String, VariantCounts> counts = outcomes.countsOf(id, attributionWindow).stream()
                    .collect(Collectors.toMap(VariantCounts::variant, c -> c));
            Variant control = Experiments.control(definition);
            VariantCounts base = counts.getOrDefault(control.getName(), VariantCounts.none(control.getName()));
            for (Variant variant : definition.getVariants()) {
                if (variant == control || alreadyStopped.contains(variant.getName())) {
                    continue;
                }
                VariantCounts challenger = counts.getOrDefault(variant.getName(), VariantCounts.none(variant.getName()));
                reasonToStop(definition, control.getName(), base, challenger).ifPresent(reason -> {
                    if (store.stop(id, variant.getName(), "guardrail", reason, clock.instant())) {
                        log.warn("Experiment {}: variant {} stopped by the guardrail: {}", id, variant.getName(), reason);
                        stopped.add(id + "/" + variant.getName());
                    }
                });
            }
        });
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
