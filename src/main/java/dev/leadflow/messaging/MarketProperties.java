package dev.leadflow.messaging;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per market (ISO country code, or {@code default}): the timezone of leads that have none, and the
 * quiet hours: messages go out between {@code send-from} and {@code send-until} local time, never on a
 * closed day. A market inherits every field it does not set from {@code default}.
 */
@ConfigurationProperties(prefix = "leadflow")
public record MarketProperties(Map<String, Market> markets) {

    public static final String DEFAULT = "default";

    public MarketProperties {
        markets = markets == null ? Map.of() : Map.copyOf(markets);
    }

    /**
     * @param sendFrom   first allowed minute, {@code HH:mm}
     * @param sendUntil  end of the allowed time, exclusive, {@code HH:mm} ({@code 24:00} for midnight)
     * @param closedDays days without any business-initiated message, e.g. {@code [SUNDAY]}
     */
    public record Market(String timezone, String sendFrom, String sendUntil, List<DayOfWeek> closedDays) {
    }
}
