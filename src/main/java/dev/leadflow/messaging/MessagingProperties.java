package dev.leadflow.messaging;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import dev.leadflow.messaging.TemplateCatalog.Category;

/**
 * @param leadLockWait          how long a send waits for another send of the same lead to finish
 * @param ambiguityQuietPeriod  how long an attempt with an unknown outcome waits for a status webhook
 *                              before its category's policy applies
 * @param channelRatePerSecond  the default channel's throughput (Meta's default is 80/s)
 * @param ambiguousSendPolicy   per template category, what happens after the quiet period
 * @param frequencyCaps         business-initiated messages per lead in a rolling 24 h, per category
 *                              ({@code utility}, {@code marketing}, {@code authentication}) and {@code all}
 * @param marketingLimitBackoff waits after consecutive 131049 refusals; the send is skipped after the last
 * @param channelPauseProbe     how long a channel refused for its credentials (0/190) waits before one
 *                              send probes it again
 * @param templatePauseProbe    how long a paused template (132015/132016) waits before one send probes it
 * @param brandAttribute        the lead attribute that names its brand, for picking a channel
 * @param optOutWords           per language, the messages that opt a lead out
 * @param awakeFor              a lead that wrote this recently is awake: quiet hours do not hold its sends
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.messaging")
public record MessagingProperties(Duration leadLockWait, Duration ambiguityQuietPeriod, Integer channelRatePerSecond,
                                  Map<Category, AmbiguousSendPolicy> ambiguousSendPolicy,
                                  Map<String, Integer> frequencyCaps, List<Duration> marketingLimitBackoff,
                                  Duration channelPauseProbe, Duration templatePauseProbe, String brandAttribute,
                                  Map<String, List<String>> optOutWords, Duration awakeFor) {

    public MessagingProperties {
        leadLockWait = leadLockWait == null ? Duration.ofSeconds(10) : leadLockWait;
        ambiguityQuietPeriod = ambiguityQuietPeriod == null ? Duration.ofMinutes(10) : ambiguityQuietPeriod;
        channelRatePerSecond = channelRatePerSecond == null ? 80 : channelRatePerSecond;
        Map<Category, AmbiguousSendPolicy> policies = new EnumMap<>(Category.class);
        policies.put(Category.UTILITY, AmbiguousSendPolicy.RESEND_ONCE);
        policies.put(Category.MARKETING, AmbiguousSendPolicy.OPS);
        policies.put(Category.AUTHENTICATION, AmbiguousSendPolicy.OPS);
        if (ambiguousSendPolicy != null) {
            policies.putAll(ambiguousSendPolicy);
        }
        ambiguousSendPolicy = Map.copyOf(policies);
        frequencyCaps = frequencyCaps == null ? Map.of() : Map.copyOf(frequencyCaps);
        marketingLimitBackoff = marketingLimitBackoff == null || marketingLimitBackoff.isEmpty()
                ? List.of(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(12), Duration.ofHours(24))
                : List.copyOf(marketingLimitBackoff);
        channelPauseProbe = channelPauseProbe == null ? Duration.ofMinutes(10) : channelPauseProbe;
        templatePauseProbe = templatePauseProbe == null ? Duration.ofHours(1) : templatePauseProbe;
        brandAttribute = brandAttribute == null || brandAttribute.isBlank() ? "brand" : brandAttribute;
        optOutWords = optOutWords == null ? Map.of() : Map.copyOf(optOutWords);
        awakeFor = awakeFor == null ? Duration.ofMinutes(30) : awakeFor;
    }

    public AmbiguousSendPolicy ambiguousSendPolicy(Category category) {
        return ambiguousSendPolicy.getOrDefault(category, AmbiguousSendPolicy.OPS);
    }
}
