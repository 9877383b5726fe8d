package dev.leadflow.messaging;

import java.time.Instant;

/** Which variant of a step a lead gets: the port that template experiments fill. */
public interface StepVariants {

    /** No experiments: every step sends its own template. */
    StepVariants NONE = (command, now) -> StepVariant.asConfigured(command.templateKey());

    StepVariant choose(SendCommand command, Instant now);
}
