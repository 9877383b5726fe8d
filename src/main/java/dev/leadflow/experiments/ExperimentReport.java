package dev.leadflow.experiments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.leadflow.experiments.ExperimentProperties.Definition;
import dev.leadflow.experiments.ExperimentProperties.Metric;
import dev.leadflow.experiments.ExperimentProperties.Variant;
import dev.leadflow.messaging.SendTiming;

/**
 * An experiment's results as people read them: per variant the counts, the rate of the experiment's metric
 * with its 95 % interval, the comparison with the control (two-proportion z-test, Bonferroni-corrected
 * when there are several challengers), and one verdict in words.
 */
record ExperimentReport(String id, String template, Metric metric, String status, Instant asOf,
                        String attributionWindow, List<VariantResult> variants, String verdict, Ending ending) {

    record VariantResult(String name, String template, boolean holdout, SendTiming timing, double weight,
                         boolean control, VariantCounts counts, double rate, Proportions.Interval interval,
                         Comparison vsControl, Stop stoppedByGuardrail) {
    }

    /** The challenger's rate minus the control's, in rate units (0.04 = four points). */
    record Comparison(double difference, Proportions.Interval interval, double pValue, boolean significant) {
    }

    record Stop(String by, String reason, Instant at) {
    }

    record Ending(String winner, String by, String reason, Instant at) {
    }

    static ExperimentReport of(String id, Definition definition, List<VariantCounts> counts,
                               List<ExperimentStore.Stop> stops, Optional<ExperimentStore.Ending> ending,
                               Instant asOf, Duration attributionWindow) {
        Map<String, VariantCounts> byName = counts.stream()
                .collect(Collectors.toMap(VariantCounts::variant, Function.identity()));
        Map<String, ExperimentStore.Stop> stopByName = stops.stream()
                .collect(Collectors.toMap(ExperimentStore.Stop::variant, Function.identity(), (a, b) -> a));
        Metric metric = definition.getMetric();
        Variant control = Experiments.control(definition);
        VariantCounts controlCounts = byName.getOrDefault(control.getName(), VariantCounts.none(control.getName()));
        int challengers = definition.getVariants().size() - 1;
        double alphaEach = definition.getAlpha() / Math.max(1, challengers);

        List<VariantResult> results = new ArrayList<>();
        for (Variant variant : definition.getVariants()) {
            VariantCounts c = byName.getOrDefault(variant.getName(), VariantCounts.none(variant.getName()));
            boolean isControl = variant == control;
            Comparison comparison = null;
            if (!isControl) {
                double z = Proportions.zStatistic(controlCounts.of(metric), controlCounts.assigned(), c.of(metric),
                        c.assigned());
                double p = Proportions.twoSidedP(z);
                comparison = new Comparison(rate(c.of(metric), c.assigned()) - rate(controlCounts.of(metric),
                        controlCounts.assigned()), Proportions.difference(controlCounts.of(metric),
                        controlCounts.assigned(), c.of(metric), c.assigned(), Proportions.Z95),
                        p, p < alphaEach && enough(definition, controlCounts, c));
            }
            ExperimentStore.Stop stop = stopByName.get(variant.getName());
            results.add(new VariantResult(variant.getName(), variant.isHoldout() ? null
                    : Experiments.templateKeyOf(definition, variant), variant.isHoldout(), variant.getTiming(),
                    variant.getWeight(), isControl, c, rate(c.of(metric), c.assigned()),
                    Proportions.wilson(c.of(metric), c.assigned(), Proportions.Z95), comparison,
                    stop == null ? null : new Stop(stop.by(), stop.reason(), stop.at())));
        }
        Ending end = ending.map(e -> new Ending(e.winner(), e.by(), e.reason(), e.at())).orElse(null);
        return new ExperimentReport(id, definition.getTemplate(), metric, end == null ? "running" : "ended", asOf,
                attributionWindow.toString(), results, verdict(definition, results, end), end);
    }

    private static boolean enough(Definition definition, VariantCounts a, VariantCounts b) {
        return a.assigned() >= definition.getMinPerVariant() && b.assigned() >= definition.getMinPerVariant();
    }

    static double rate(long successes, long trials) {
        return trials == 0 ? 0 : successes / (double) trials;
    }

    private static String verdict(Definition definition, List<VariantResult> results, Ending ending) {
        String metric = words(definition.getMetric());
        if (ending != null) {
            return "Ended: " + ending.by() + " promoted variant " + ending.winner() + " at " + ending.at()
                    + (ending.reason() == null ? "" : " (" + ending.reason() + ")")
                    + "; every new send of the step is the winner's.";
        }
        long fewest = results.stream().mapToLong(r -> r.counts().assigned()).min().orElse(0);
        if (fewest < definition.getMinPerVariant()) {
            return "Collecting: a verdict needs " + definition.getMinPerVariant() + " leads in every variant (the"
                    + " smallest has " + fewest + ").";
        }
        VariantResult control = results.stream().filter(VariantResult::control).findFirst().orElseThrow();
        Optional<VariantResult> winner = results.stream()
                .filter(r -> r.vsControl() != null && r.vsControl().significant() && r.vsControl().difference() > 0)
                .max((a, b) -> Double.compare(a.rate(), b.rate()));
        if (winner.isPresent()) {
            return "Variant " + winner.get().name() + " beats the control " + control.name() + " on " + metric
                    + ": " + percent(winner.get().rate()) + " against " + percent(control.rate()) + " ("
                    + points(winner.get().vsControl()) + ", p = " + p(winner.get().vsControl().pValue())
                    + "). Promote it to end the experiment.";
        }
        List<VariantResult> worse = results.stream()
                .filter(r -> r.vsControl() != null && r.vsControl().significant() && r.vsControl().difference() < 0)
                .toList();
        if (!worse.isEmpty() && worse.size() == results.size() - 1) {
            return "The control " + control.name() + " beats every variant on " + metric + " (" + percent(control.rate())
                    + "). Promote it to end the experiment.";
        }
        double lowestP = results.stream().filter(r -> r.vsControl() != null).mapToDouble(r -> r.vsControl().pValue())
                .min().orElse(1);
        return "No clear difference on " + metric + " yet (smallest p = " + p(lowestP) + "; significant below "
                + p(definition.getAlpha() / Math.max(1, results.size() - 1)) + ").";
    }

    private static String words(Metric metric) {
        return switch (metric) {
            case REPLIED -> "replies";
            case MEETING_BOOKED -> "booked meetings";
            case DEAL_WON -> "won deals";
        };
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    private static String points(Comparison comparison) {
        return String.format(Locale.ROOT, "%+.1f points, 95 %% interval %+.1f to %+.1f",
                comparison.difference() * 100, comparison.interval().low() * 100, comparison.interval().high() * 100);
    }

    private static String p(double p) {
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }
}
