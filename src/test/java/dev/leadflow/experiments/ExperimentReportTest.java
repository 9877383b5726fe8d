package dev.leadflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.leadflow.experiments.ExperimentProperties.Definition;
import dev.leadflow.experiments.ExperimentProperties.Variant;
import dev.leadflow.messaging.TemplateCatalog;
import dev.leadflow.messaging.TemplateCatalog.Category;

/** The verdict, the guardrail and the start-up checks, on counts and settings made up for each case. */
class ExperimentReportTest {

    private static final Instant NOW = Instant.parse("2026-03-04T15:00:00Z");

    private static Variant variant(String name, String template, boolean holdout) {
        Variant variant = new Variant();
        variant.setName(name);
        variant.setTemplate(template);
        variant.setHoldout(holdout);
        return variant;
    }

    private static Definition definition(Variant... variants) {
        Definition definition = new Definition();
        definition.setTemplate("welcome");
        definition.setMinPerVariant(200);
        definition.setVariants(List.of(variants));
        return definition;
    }

    private static VariantCounts replies(String variant, long assigned, long replied) {
        return new VariantCounts(variant, assigned, assigned, assigned, assigned, replied, 0, 0, 0, 0);
    }

    private static ExperimentReport report(Definition definition, VariantCounts... counts) {
        return ExperimentReport.of("welcome-copy", definition, List.of(counts), List.of(), Optional.empty(), NOW,
                Duration.ofDays(7));
    }

    @Test
    void aClearlyBetterVariantIsNamedWithItsEffectAndInterval() {
        ExperimentReport report = report(definition(variant("A", null, false), variant("B", "welcome.b", false)),
                replies("A", 1000, 100), replies("B", 1000, 150));

        assertThat(report.verdict()).startsWith("Variant B beats the control A on replies: 15.0 % against 10.0 %")
                .contains("+5.0 points").contains("Promote it");
        assertThat(report.variants().get(1).vsControl().significant()).isTrue();
        assertThat(report.variants().get(1).vsControl().pValue()).isLessThan(0.01);
        assertThat(report.variants().get(0).interval().low()).isLessThan(0.1);
        assertThat(report.variants().get(0).interval().high()).isGreaterThan(0.1);
    }

    @Test
    void aSmallDifferenceIsNoVerdict() {
        ExperimentReport report = report(definition(variant("A", null, false), variant("B", "welcome.b", false)),
                replies("A", 1000, 100), replies("B", 1000, 110));

        assertThat(report.verdict()).startsWith("No clear difference on replies yet");
        assertThat(report.variants().get(1).vsControl().significant()).isFalse();
    }

    @Test
    void tooFewLeadsIsNoVerdictWhateverTheRates() {
        ExperimentReport report = report(definition(variant("A", null, false), variant("B", "welcome.b", false)),
                replies("A", 50, 1), replies("B", 50, 30));

        assertThat(report.verdict()).startsWith("Collecting: a verdict needs 200 leads in every variant");
    }

    @Test
    void severalChallengersShareTheSignificanceLevel() {
        // p of B against A is about 0.03: significant alone, not when alpha 0.05 is shared by two challengers
        ExperimentReport report = report(definition(variant("A", null, false), variant("B", "welcome.b", false),
                        variant("holdout", null, true)),
                replies("A", 1000, 100), replies("B", 1000, 130), replies("holdout", 1000, 95));

        assertThat(report.variants().get(1).vsControl().pValue()).isBetween(0.025, 0.05);
        assertThat(report.variants().get(1).vsControl().significant()).isFalse();
        assertThat(report.verdict()).startsWith("No clear difference");
    }

    @Test
    void theGuardrailStopsAClearlyWorseVariantOnly() {
        Definition definition = definition(variant("A", null, false), variant("B", "welcome.b", false));
        VariantCounts control = new VariantCounts("A", 400, 400, 390, 300, 40, 0, 0, 8, 4);
        VariantCounts bad = new VariantCounts("B", 400, 400, 340, 250, 35, 0, 0, 30, 20);
        VariantCounts alike = new VariantCounts("B", 400, 400, 385, 300, 40, 0, 0, 10, 5);

        assertThat(Guardrail.reasonToStop(definition, "A", control, bad)).get().asString()
                .startsWith("failed, blocked or opted out: 12.5 % of 400 leads against 3.0 % of 400 for the control A");
        assertThat(Guardrail.reasonToStop(definition, "A", control, alike)).isEmpty();
        assertThat(Guardrail.reasonToStop(definition, "A", new VariantCounts("A", 10, 10, 10, 10, 0, 0, 0, 0, 0),
                new VariantCounts("B", 10, 10, 0, 0, 0, 0, 0, 10, 0))).isEmpty();
    }

    @Test
    void startUpRefusesAHoldoutOnATransactionalStepAndUnknownTemplates() {
        TemplateCatalog catalog = new TemplateCatalog();
        catalog.setTemplates(Map.of("reminder", template("reminder_24h", Category.UTILITY),
                "reminder.b", template("reminder_24h_b", Category.UTILITY),
                "welcome", template("welcome", Category.MARKETING)));
        Definition reminder = definition(variant("A", null, false), variant("none", null, true),
                variant("C", "reminder.c", false));
        reminder.setTemplate("reminder");
        ExperimentProperties properties = new ExperimentProperties();
        properties.setDefinitions(Map.of("reminder-copy", reminder));

        assertThat(Experiments.problems(properties, catalog))
                .anyMatch(problem -> problem.contains("holds leads out of a utility step"))
                .anyMatch(problem -> problem.contains("names template key 'reminder.c'"));
    }

    @Test
    void startUpRefusesAVariantOfAnotherCategory() {
        TemplateCatalog catalog = new TemplateCatalog();
        catalog.setTemplates(Map.of("welcome", template("welcome", Category.MARKETING),
                "reminder", template("reminder_24h", Category.UTILITY)));
        ExperimentProperties properties = new ExperimentProperties();
        properties.setDefinitions(Map.of("mixed", definition(variant("A", null, false), variant("B", "reminder", false))));

        assertThat(Experiments.problems(properties, catalog)).singleElement().asString()
                .contains("sends a utility template in a marketing step");
    }

    private static TemplateCatalog.Template template(String name, Category category) {
        TemplateCatalog.Template template = new TemplateCatalog.Template();
        template.setName(name);
        template.setCategory(category);
        template.setLanguages(Map.of("en", "en_US"));
        return template;
    }
}
