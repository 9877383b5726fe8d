package dev.leadflow.flow;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param inactiveDays   how long a rewarming candidate must have been without activity to be selected
 * @param window         the dispatcher spreads the starts of one round evenly over this window
 * @param maxLeadsPerRun at most this many leads per round; the rest wait for the next business day
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.rewarming")
public record RewarmingProperties(Integer inactiveDays, Duration window, Integer maxLeadsPerRun) {

    public RewarmingProperties {
        inactiveDays = inactiveDays == null ? 30 : inactiveDays;
        window = window == null ? Duration.ofHours(4) : window;
        maxLeadsPerRun = maxLeadsPerRun == null ? 2000 : maxLeadsPerRun;
    }
}
