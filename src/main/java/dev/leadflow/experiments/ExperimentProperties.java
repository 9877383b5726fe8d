package dev.leadflow.experiments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import dev.leadflow.messaging.SendTiming;

/**
 * Template experiments ({@code leadflow.experiments}): per experiment, the template key of the step it
 * varies and its variants. docs/experiments.md explains each setting.
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.experiments")
public class ExperimentProperties {

    /** How often the guardrail looks at the running experiments. */
    private Duration guardrailInterval = Duration.ofMinutes(5);
    private Map<String, Definition> definitions = new LinkedHashMap<>();

    public Duration getGuardrailInterval() {
        return guardrailInterval;
    }

    public void setGuardrailInterval(Duration guardrailInterval) {
        this.guardrailInterval = guardrailInterval;
    }

    public Map<String, Definition> getDefinitions() {
        return definitions;
    }

    public void setDefinitions(Map<String, Definition> definitions) {
        this.definitions = definitions;
    }

    public static class Definition {
        /** The template key of the step whose sends the experiment varies. */
        private String template;
        private Metric metric = Metric.REPLIED;
        /** Leads each variant needs before a verdict or a guardrail stop is given. */
        private int minPerVariant = 100;
        /** Significance level of the verdict (two-sided; Bonferroni-corrected for more than two variants). */
        private double alpha = 0.05;
        /** Significance level at which the guardrail stops a variant whose failure, block or opt-out rate is worse. */
        private double guardrailAlpha = 0.01;
        private List<Variant> variants = new ArrayList<>();

        public String getTemplate() {
            return template;
        }

        public void setTemplate(String template) {
            this.template = template;
        }

        public Metric getMetric() {
            return metric;
        }

        public void setMetric(Metric metric) {
            this.metric = metric;
        }

        public int getMinPerVariant() {
            return minPerVariant;
        }

        public void setMinPerVariant(int minPerVariant) {
            this.minPerVariant = minPerVariant;
        }

        public double getAlpha() {
            return alpha;
        }

        public void setAlpha(double alpha) {
            this.alpha = alpha;
        }

        public double getGuardrailAlpha() {
            return guardrailAlpha;
        }

        public void setGuardrailAlpha(double guardrailAlpha) {
            this.guardrailAlpha = guardrailAlpha;
        }

        public List<Variant> getVariants() {
            return variants;
        }

        public void setVariants(List<Variant> variants) {
            this.variants = variants;
        }
    }

    public static class Variant {
        private String name;
        /** The template key this variant sends; the experiment's own when empty. */
        private String template;
        private double weight = 1;
        /** No message at all: the lead is held out, to measure what the step itself is worth. */
        private boolean holdout;
        private SendTiming timing = SendTiming.STEP;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getTemplate() {
            return template;
        }

        public void setTemplate(String template) {
            this.template = template;
        }

        public double getWeight() {
            return weight;
        }

        public void setWeight(double weight) {
            this.weight = weight;
        }

        public boolean isHoldout() {
            return holdout;
        }

        public void setHoldout(boolean holdout) {
            this.holdout = holdout;
        }

        public SendTiming getTiming() {
            return timing;
        }

        public void setTiming(SendTiming timing) {
            this.timing = timing;
        }
    }

    /** What an experiment is judged on. */
    public enum Metric {
        REPLIED, MEETING_BOOKED, DEAL_WON
    }
}
