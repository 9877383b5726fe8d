package dev.leadflow.legacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.leadflow.legacy.LegacyFacts.LegacySend;
import dev.leadflow.legacy.ShadowSends.ShadowSend;

/**
 * Shadow decisions against legacy sends, per flow and step, since the flow's first shadow decision (or a
 * given time). A match is a step both would send; {@code onlyShadow} a step only Leadflow would have sent;
 * {@code onlyLegacy} a step the legacy system sent that Leadflow did not decide, counting for a lead Leadflow
 * shadows only what was imported after its first shadow decision (what the legacy system sent before the lead
 * resumed in Leadflow is not a difference). Legacy sends are as last imported: import again first.
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
        modes.all().stream().filter(mode -> mode.mode() == HandoverMode.SHADOW).forEach(mode -> flows.add(mode.flow()));
        if (onlyFlow != null) {
            flows.removeIf(flow -> !flow.equals(onlyFlow));
        }
        List<StepComparison> steps = new ArrayList<>();
        for (String flow : flows) {
            List<ShadowSend> decided = shadow.ofFlow(flow, given == null ? Instant.EPOCH : given);
            Instant since = given != null ? given : decided.stream().map(ShadowSend::decidedAt)
                    .min(Comparator.naturalOrder()).orElse(null);
            if (since != null) {
                steps.addAll(compare(flow, since, decided));
            }
        }
        return new Report(steps, new Totals(steps.stream().mapToInt(StepComparison::matches).sum(),
                steps.stream().mapToInt(StepComparison::onlyShadow).sum(),
                steps.stream().mapToInt(StepComparison::onlyLegacy).sum()));
    }

    private List<StepComparison> compare(String flow, Instant since, List<ShadowSend> decided) {
        Map<String, Instant> shadowedSince = new HashMap<>();
        decided.forEach(send -> shadowedSince.merge(send.leadId(), send.decidedAt(),
                (a, b) -> a.isBefore(b) ? a : b));
        List<LegacySend> legacy = facts.sendsOfFlowSince(flow, Instant.EPOCH);
        Set<String> legacyKeys = legacy.stream().map(LegacySend::key).collect(Collectors.toSet());
        List<LegacySend> comparable = legacy.stream().filter(send -> !send.sentAt().isBefore(since))
                .filter(send -> !shadowedSince.containsKey(send.leadId())
                        || !send.importedAt().isBefore(shadowedSince.get(send.leadId())))
                .toList();
        Set<String> shadowKeys = decided.stream().map(ShadowSend::key).collect(Collectors.toSet());
        Set<String> stepNames = new TreeSet<>();
        decided.forEach(send -> stepNames.add(send.step()));
        comparable.forEach(send -> stepNames.add(send.step()));
        List<StepComparison> steps = new ArrayList<>();
        for (String step : stepNames) {
            List<ShadowSend> shadowOfStep = decided.stream().filter(send -> send.step().equals(step)).toList();
            List<String> onlyShadow = shadowOfStep.stream().filter(send -> !legacyKeys.contains(send.key()))
                    .map(ShadowSend::leadId).toList();
            List<String> onlyLegacy = comparable.stream().filter(send -> send.step().equals(step))
                    .filter(send -> !shadowKeys.contains(send.key())).map(LegacySend::leadId).toList();
            steps.add(new StepComparison(flow, step, since, shadowOfStep.size() - onlyShadow.size(),
                    onlyShadow.size(), onlyLegacy.size(), onlyShadow.stream().limit(LISTED_LEADS).toList(),
                    onlyLegacy.stream().limit(LISTED_LEADS).toList()));
        }
        return steps;
    }
}
