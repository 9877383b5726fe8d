package dev.leadflow.experiments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.leadflow.experiments.ExperimentProperties.Definition;
import dev.leadflow.experiments.ExperimentProperties.Variant;
import dev.leadflow.messaging.SendCommand;
import dev.leadflow.messaging.StepVariant;
import dev.leadflow.messaging.StepVariants;
import dev.leadflow.messaging.TemplateCatalog;
import dev.leadflow.messaging.TemplateCatalog.Category;

/**
 * The running experiments: which variant a lead's send of an experiment's step gets. A lead keeps its
 * variant (a stable hash, recorded at its first send); a variant the guardrail stopped sends the control
 * instead; once an operator promotes a winner, every new send of the step is the winner.
 */
@Component
class Experiments implements StepVariants {

    private static final Logger log = LoggerFactory.getLogger(Experiments.class);

    private final ExperimentProperties properties;
    private final TemplateCatalog catalog;
    private final ExperimentStore store;
    private final Map<String, String> experimentByTemplate;

    Experiments(ExperimentProperties properties, TemplateCatalog catalog, ExperimentStore store) {
        this.properties = properties;
        this.catalog = catalog;
        this.store = store;
        List<String> problems = problems(properties, catalog);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The experiments in leadflow.experiments cannot run:\n  - "
                    + String.join("\n  - ", problems));
        }
        this.experimentByTemplate = properties.getDefinitions().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getValue().getTemplate(), Map.Entry::getKey));
        experimentByTemplate.forEach((template, id) -> log.info("Experiment {} varies the step of template key {}",
                id, template));
    }

    @Override
    public StepVariant choose(SendCommand command, Instant now) {
        String experimentId = experimentByTemplate.get(command.templateKey());
        if (experimentId == null) {
            return StepVariant.asConfigured(command.templateKey());
        }
        Definition definition = definition(experimentId);
        Optional<ExperimentStore.Ending> ending = store.endingOf(experimentId);
        if (ending.isPresent()) {
            Variant winner = variant(definition, ending.get().winner());
            return toStep(definition, winner, "experiment " + experimentId + " ended: its winner, variant "
                    + winner.getName() + ", goes to every lead");
        }
        Set<String> stopped = store.stopsOf(experimentId).stream().map(ExperimentStore.Stop::variant)
                .collect(Collectors.toSet());
        String name = store.variantOf(experimentId, command.leadId()).orElseGet(() -> {
            List<Variant> running = definition.getVariants().stream()
                    .filter(variant -> !stopped.contains(variant.getName())).toList();
            Variant picked = Assignment.pick(running.isEmpty() ? definition.getVariants() : running, Variant::getWeight,
                    Assignment.unit(experimentId, command.leadId()));
            return store.assign(experimentId, command.leadId(), picked.getName(), command.idempotencyKey(), now);
        });
        Variant variant = variant(definition, name);
        if (stopped.contains(name)) {
            Variant control = control(definition);
            return toStep(definition, control, "experiment " + experimentId + ": variant " + name
                    + " was stopped by the guardrail, so the control " + control.getName() + " goes instead");
        }
        return toStep(definition, variant, "experiment " + experimentId + ": variant " + name);
    }

    Map<String, Definition> definitions() {
        return properties.getDefinitions();
    }

    Definition definition(String experimentId) {
        Definition definition = properties.getDefinitions().get(experimentId);
        if (definition == null) {
            throw new UnknownExperimentException(experimentId);
        }
        return definition;
    }

    static Variant variant(Definition definition, String name) {
        return definition.getVariants().stream().filter(variant -> variant.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant " + name));
    }

    /** The variant the others are compared with: the first that sends a message. */
    static Variant control(Definition definition) {
        return definition.getVariants().stream().filter(variant -> !variant.isHoldout()).findFirst()
                .orElseThrow();
    }

    static String templateKeyOf(Definition definition, Variant variant) {
        return variant.getTemplate() == null || variant.getTemplate().isBlank() ? definition.getTemplate()
                : variant.getTemplate();
    }

    private static StepVariant toStep(Definition definition, Variant variant, String label) {
        return new StepVariant(templateKeyOf(definition, variant), variant.isHoldout(), variant.getTiming(), label);
    }

    /** What makes an experiment impossible to run as configured; checked at start-up. */
    static List<String> problems(ExperimentProperties properties, TemplateCatalog catalog) {
        List<String> problems = new ArrayList<>();
        Set<String> templatesInExperiments = new HashSet<>();
        properties.getDefinitions().forEach((id, definition) -> {
            String where = "experiment '" + id + "'";
            if (definition.getTemplate() == null || catalog.find(definition.getTemplate()).isEmpty()) {
                problems.add(where + " names template key '" + definition.getTemplate()
                        + "', which is not in the template catalog");
                return;
            }
            if (!templatesInExperiments.add(definition.getTemplate())) {
                problems.add(where + ": another experiment already varies template key '" + definition.getTemplate()
                        + "'; end one first");
            }
            if (definition.getVariants().size() < 2) {
                problems.add(where + " needs at least two variants");
            }
            if (definition.getAlpha() <= 0 || definition.getAlpha() >= 0.5
                    || definition.getGuardrailAlpha() <= 0 || definition.getGuardrailAlpha() >= 0.5) {
                problems.add(where + ": alpha and guardrail-alpha must lie between 0 and 0.5");
            }
            Category category = catalog.get(definition.getTemplate()).getCategory();
            Set<String> names = new HashSet<>();
            for (Variant variant : definition.getVariants()) {
                String name = variant.getName();
                if (name == null || name.isBlank() || !names.add(name)) {
                    problems.add(where + " has a variant without a name, or two with the same name (" + name + ")");
                    continue;
                }
                if (variant.getWeight() <= 0) {
                    problems.add(where + " variant " + name + " needs a weight above 0");
                }
                if (variant.isHoldout() && category != Category.MARKETING) {
                    problems.add(where + " variant " + name + " holds leads out of a " + category.wireName()
                            + " step: only marketing steps (follow-ups, rewarming) may have a holdout, never"
                            + " confirmations or reminders");
                }
                if (variant.isHoldout() && variant.getTemplate() != null) {
                    problems.add(where + " variant " + name + " is a holdout and names a template: choose one");
                }
                String key = templateKeyOf(definition, variant);
                if (!variant.isHoldout() && catalog.find(key).isEmpty()) {
                    problems.add(where + " variant " + name + " names template key '" + key
                            + "', which is not in the template catalog");
                } else if (!variant.isHoldout() && catalog.get(key).getCategory() != category) {
                    problems.add(where + " variant " + name + " sends a " + catalog.get(key).getCategory().wireName()
                            + " template in a " + category.wireName() + " step");
                }
            }
            if (definition.getVariants().stream().allMatch(Variant::isHoldout)) {
                problems.add(where + " needs a variant that sends a message (the control)");
            }
        });
        return problems;
    }
}
