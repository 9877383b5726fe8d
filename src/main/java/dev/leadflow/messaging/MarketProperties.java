package dev.leadflow.messaging;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Pattern;

/**
 * Per market (ISO country code, or {@code default}): the timezone of leads that have none, and the
 * quiet hours: messages go out between {@code send-from} and {@code send-until} local time, never on a
 * closed day. A market inherits every field it does not set from {@code default}. Bound from
 * {@code leadflow.markets} and checked at start-up ({@link MessagingConfiguration}).
 */
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
    public record Market(String timezone, @Pattern(regexp = HH_MM, message = "HH:mm") String sendFrom,
                         @Pattern(regexp = HH_MM, message = "HH:mm") String sendUntil, List<DayOfWeek> closedDays) {

        static final String HH_MM = "\\d{1,2}:\\d{2}";
    }
}
