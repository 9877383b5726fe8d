package dev.leadflow.legacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.leadflow.legacy.ShadowSends.ShadowSend;
import dev.leadflow.messaging.SendHandover.Mode;

/**
 * Shadow decisions against legacy sends, per flow and step, since the flow's first shadow decision (or a
 * given time): both sent (matches), only Leadflow would have, only the legacy system did. Legacy sends are
 * as last imported: import again before reading this.
 */
@Component
class ShadowReport {

    static final int LISTED_LEADS = 20;

    record Report(List<StepComparison> steps, Totals totals) {
    }

    record Totals(int matches, int onlyShadow, int onlyLegacy) {
    }

    record StepComparison(String flow, String step, Instant since, int matches, int onlyShadow, int onlyLegacy,
                          List<String> onlyShadowLeads, List<String> onlyLegacyLeads) {
    }

    private final ShadowSends shadow;
    private final LegacyFacts facts;
    private final FlowModes modes;

    ShadowReport(ShadowSends shadow, LegacyFacts facts, FlowModes modes) {
        this.shadow = shadow;
        this.facts = facts;
        this.modes = modes;
    }

    Report compare(String onlyFlow, Instant given) {
        Set<String> flows = new TreeSet<>(shadow.flows());
        modes.all().stream().filter(mode -> mode.mode() == Mode.SHADOW).forEach(mode -> flows.add(mode.flow()));
        if (onlyFlow != null) {
            flows.removeIf(flow -> !flow.equals(onlyFlow));
        }
        List<StepComparison> steps = new ArrayList<>();
        for (String flow : flows) {
            List<ShadowSend> decided = shadow.ofFlow(flow, given == null ? Instant.EPOCH : given);
            Instant since = given != null ? given : decided.stream().map(ShadowSend::decidedAt)
                    .min(Comparator.naturalOrder()).orElse(null);
            if (since == null) {
                continue;
            }
            Map<String, String> legacySent = facts.ofFlowSince(flow, since).stream()
                    .filter(fact -> fact.status().maybeSent() && fact.sentAt() != null)
                    .collect(Collectors.toMap(LegacyFact::key, LegacyFact::step));
            Map<String, String> shadowSent = decided.stream()
                    .collect(Collectors.toMap(ShadowSend::key, ShadowSend::step, (a, b) -> a));
            Map<String, String> leadOf = new TreeMap<>();
            decided.forEach(send -> leadOf.put(send.key(), send.leadId()));
            facts.ofFlowSince(flow, since).forEach(fact -> leadOf.put(fact.key(), fact.leadId()));
            Set<String> stepNames = new TreeSet<>(legacySent.values());
            stepNames.addAll(shadowSent.values());
            for (String step : stepNames) {
                Set<String> legacy = keysOf(legacySent, step);
                Set<String> leadflow = keysOf(shadowSent, step);
                List<String> onlyShadow = leadflow.stream().filter(key -> !legacy.contains(key)).toList();
                List<String> onlyLegacy = legacy.stream().filter(key -> !leadflow.contains(key)).toList();
                int matches = leadflow.size() - onlyShadow.size();
                steps.add(new StepComparison(flow, step, since, matches, onlyShadow.size(), onlyLegacy.size(),
                        leads(onlyShadow, leadOf), leads(onlyLegacy, leadOf)));
            }
        }
        return new Report(steps, new Totals(steps.stream().mapToInt(StepComparison::matches).sum(),
                steps.stream().mapToInt(StepComparison::onlyShadow).sum(),
                steps.stream().mapToInt(StepComparison::onlyLegacy).sum()));
    }

    private static Set<String> keysOf(Map<String, String> stepByKey, String step) {
        return stepByKey.entrySet().stream().filter(entry -> entry.getValue().equals(step)).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> leads(List<String> keys, Map<String, String> leadOf) {
        return keys.stream().map(leadOf::get).filter(Objects::nonNull).limit(LISTED_LEADS).toList();
    }
}
