package dev.leadflow.legacy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.leadflow.crm.StatusMapping;
import dev.leadflow.legacy.LegacyProperties.Automation;

/** A legacy automation and step to Leadflow's flow and step ({@code leadflow.legacy.automations}). */
@Component
class AutomationMapping {

    record FlowStep(String flow, String step) {

        @Override
        public String toString() {
            return flow + "/" + step;
        }
    }

    private final Map<String, Automation> byName = new HashMap<>();

    AutomationMapping(LegacyProperties properties) {
        for (Automation automation : properties.automations()) {
            automation.names().forEach(name -> byName.put(StatusMapping.normalise(name), automation));
        }
    }

    Optional<FlowStep> resolve(String automation, String step) {
        Automation known = byName.get(StatusMapping.normalise(automation));
        if (known == null) {
            return Optional.empty();
        }
        String legacyStep = StatusMapping.normalise(step);
        return known.steps().entrySet().stream()
                .filter(entry -> StatusMapping.normalise(entry.getKey()).equals(legacyStep))
                .map(Map.Entry::getValue).findFirst()
                .or(() -> Optional.ofNullable(known.step()))
                .map(leadflowStep -> new FlowStep(known.flow(), leadflowStep));
    }
}
