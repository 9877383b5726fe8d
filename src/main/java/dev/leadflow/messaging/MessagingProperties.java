package dev.leadflow.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param leadLockWait      how long a send waits for another send of the same lead to finish
 * @param ambiguityQuietPeriod how long an attempt with an unknown outcome waits for a status webhook
 *                          before its category's policy applies
 * @param channelRatePerSecond the default channel's throughput (Meta's default is 80/s)
 */
@ConfigurationProperties(prefix = "leadflow.messaging")
public record MessagingProperties(Duration leadLockWait, Duration ambiguityQuietPeriod, Integer channelRatePerSecond) {

    public MessagingProperties {
        leadLockWait = leadLockWait == null ? Duration.ofSeconds(10) : leadLockWait;
        ambiguityQuietPeriod = ambiguityQuietPeriod == null ? Duration.ofMinutes(10) : ambiguityQuietPeriod;
        channelRatePerSecond = channelRatePerSecond == null ? 80 : channelRatePerSecond;
    }
}
