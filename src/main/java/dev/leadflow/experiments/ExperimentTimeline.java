package dev.leadflow.experiments;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.leadflow.tracking.TimelineEntry;
import dev.leadflow.tracking.TimelineSource;

/** The lead's experiment variants on its timeline: which variant, of which experiment, since when. */
@Component
class ExperimentTimeline implements TimelineSource {

    private final ExperimentStore store;
    private final Experiments experiments;

    ExperimentTimeline(ExperimentStore store, Experiments experiments) {
        this.store = store;
        this.experiments = experiments;
    }

    @Override
    public List<TimelineEntry> entriesOf(String leadId) {
        return store.assignmentsOf(leadId).stream().map(assigned -> {
            ExperimentProperties.Definition definition = experiments.definitions().get(assigned.experimentId());
            String what = definition == null ? "" : describe(definition, assigned.variant());
            return new TimelineEntry(assigned.at(), TimelineEntry.Kind.EXPERIMENT_VARIANT, null, null,
                    "experiment " + assigned.experimentId() + ": variant " + assigned.variant() + what);
        }).toList();
    }

    private static String describe(ExperimentProperties.Definition definition, String variantName) {
        return definition.getVariants().stream().filter(v -> v.getName().equals(variantName)).findFirst()
                .map(v -> v.isHoldout() ? " (held out: no message for this step)"
                        : " (template key " + Experiments.templateKeyOf(definition, v) + ", "
                        + v.getTiming().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " timing)")
                .orElse("");
    }
}
