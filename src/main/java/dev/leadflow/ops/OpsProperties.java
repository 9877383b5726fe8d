package dev.leadflow.ops;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;

/**
 * {@code leadflow.ops.*}, checked at start-up.
 *
 * @param timeZone               the day of "today's sends" in Cockpit and the weeks of the dashboard (from Monday)
 * @param attributionWindow      a reply, booked meeting or won deal counts for a message when it comes this long
 *                               after it (whole days, at least one)
 * @param outcomeRefreshInterval how often the outcomes of messages whose attribution window is open are brought
 *                               up to date
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.ops")
public record OpsProperties(ZoneId timeZone, Duration attributionWindow, Duration outcomeRefreshInterval) {

    public OpsProperties {
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
        attributionWindow = attributionWindow == null ? Duration.ofDays(7) : attributionWindow;
        outcomeRefreshInterval = outcomeRefreshInterval == null ? Duration.ofMinutes(1) : outcomeRefreshInterval;
    }

    /** The attribution window in whole days, at least one. */
    public int attributionDays() {
        return (int) Math.max(1, attributionWindow.toDays());
    }

    @AssertTrue(message = "leadflow.ops.attribution-window and .outcome-refresh-interval must be positive")
    public boolean isPositive() {
        return positive(attributionWindow) && positive(outcomeRefreshInterval);
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
