package dev.leadflow.messaging;

/**
 * What one send of a step sends: its own template, or an experiment's variant of it.
 *
 * @param templateKey the template key to send
 * @param holdout     send nothing: the lead is held out of the step to measure what the step is worth
 * @param timing      when the message goes
 * @param label       the experiment and variant, said on the message and the timeline; null outside experiments
 */
public record StepVariant(String templateKey, boolean holdout, SendTiming timing, String label) {

    public static StepVariant asConfigured(String templateKey) {
        return new StepVariant(templateKey, false, SendTiming.STEP, null);
    }
}
