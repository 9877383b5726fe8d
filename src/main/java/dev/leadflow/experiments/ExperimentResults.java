package dev.leadflow.experiments;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.leadflow.experiments.ExperimentProperties.Definition;
import dev.leadflow.ops.OpsProperties;

/** Reads the experiments' results, and ends an experiment when an operator promotes its winner. */
@Service
class ExperimentResults {

    private static final Logger log = LoggerFactory.getLogger(ExperimentResults.class);

    private final Experiments experiments;
    private final ExperimentStore store;
    private final OutcomeQueries outcomes;
    private final Clock clock;
    private final Duration attributionWindow;

    ExperimentResults(Experiments experiments, ExperimentStore store, OutcomeQueries outcomes, Clock clock,
                      OpsProperties ops) {
        this.experiments = experiments;
        this.store = store;
        this.outcomes = outcomes;
        this.clock = clock;
        this.attributionWindow = ops.attributionWindow();
    }

    List<ExperimentReport> all() {
        return experiments.definitions().keySet().stream().map(this::of).toList();
    }

    ExperimentReport of(String experimentId) {
        Definition definition = experiments.definition(experimentId);
        return ExperimentReport.of(experimentId, definition, outcomes.countsOf(experimentId, attributionWindow),
                store.stopsOf(experimentId), store.endingOf(experimentId), clock.instant(), attributionWindow);
    }

    /**
     * Ends the experiment with the given winner: every new send of the step is the winner's; what was sent
     * stays as it was.
     *
     * @throws UnknownExperimentException when no such experiment is configured
     * @throws IllegalArgumentException   when it has no such variant
     * @throws IllegalStateException      when it has ended already
     */
    ExperimentReport promote(String experimentId, String variant, String operator, String reason) {
        Definition definition = experiments.definition(experimentId);
        if (definition.getVariants().stream().noneMatch(v -> v.getName().equals(variant))) {
            throw new IllegalArgumentException("experiment " + experimentId + " has no variant " + variant + " (it has "
                    + String.join(", ", definition.getVariants().stream().map(v -> v.getName()).toList()) + ")");
        }
        if (!store.end(experimentId, variant, operator, reason, clock.instant())) {
            ExperimentStore.Ending ending = store.endingOf(experimentId).orElseThrow();
            throw new IllegalStateException("experiment " + experimentId + " ended already: " + ending.by()
                    + " promoted variant " + ending.winner() + " at " + ending.at());
        }
        log.warn("Experiment {} ended by {}: variant {} promoted ({})", experimentId, operator, variant, reason);
        return of(experimentId);
    }

    Map<String, Definition> definitions() {
        return experiments.definitions();
    }

    Duration attributionWindow() {
        return attributionWindow;
    }
}
