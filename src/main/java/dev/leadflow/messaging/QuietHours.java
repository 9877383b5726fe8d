package dev.leadflow.messaging;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.leadflow.messaging.MarketProperties.Market;

/**
 * When a message may reach a lead: inside its market's send window, in the lead's own timezone, never on
 * a closed day. Every moment is computed on the lead's local calendar, so daylight-saving changes move
 * the window with the wall clock (09:00 stays 09:00).
 */
final class QuietHours {

    private static final Market BUILT_IN = new Market("UTC", "09:00", "20:00", List.of(DayOfWeek.SUNDAY));

    private final Window fallback;
    private final Map<String, Window> byMarket = new HashMap<>();

    QuietHours(Map<String, Market> markets) {
        Market defaults = merge(markets.get(MarketProperties.DEFAULT), BUILT_IN);
        this.fallback = Window.of(MarketProperties.DEFAULT, defaults);
        markets.forEach((market, settings) -> {
            if (!MarketProperties.DEFAULT.equals(market)) {
                byMarket.put(market.toUpperCase(Locale.ROOT), Window.of(market, merge(settings, defaults)));
            }
        });
    }

    /** The lead's timezone, else its market's, else the default market's. */
    ZoneId zoneFor(String leadTimezone, String market) {
        if (leadTimezone != null && !leadTimezone.isBlank()) {
            try {
                return ZoneId.of(leadTimezone);
            } catch (DateTimeException e) {
                // an unreadable zone falls back to the market's
            }
        }
        return window(market).zone();
    }

    /** Empty when a message may go out now; otherwise until when it waits. */
    Optional<Deferral> check(String market, ZoneId zone, Instant now) {
        Window window = window(market);
        Instant next = window.nextAllowed(zone, now);
        if (!next.isAfter(now)) {
            return Optional.empty();
        }
        ZonedDateTime local = next.atZone(zone);
        return Optional.of(new Deferral(next, "quiet hours until " + local.toLocalTime() + " " + zone.getId()
                + " on " + local.toLocalDate() + " (" + window.describe() + ")"));
    }

    private Window window(String market) {
        return market == null ? fallback : byMarket.getOrDefault(market.toUpperCase(Locale.ROOT), fallback);
    }

    private static Market merge(Market market, Market defaults) {
        if (market == null) {
            return defaults;
        }
        return new Market(
                market.timezone() != null ? market.timezone() : defaults.timezone(),
                market.sendFrom() != null ? market.sendFrom() : defaults.sendFrom(),
                market.sendUntil() != null ? market.sendUntil() : defaults.sendUntil(),
                market.closedDays() != null ? market.closedDays() : defaults.closedDays());
    }

    /** One market's send window; {@code until} null means midnight at the end of the day. */
    record Window(String market, ZoneId zone, LocalTime from, LocalTime until, Set<DayOfWeek> closedDays) {

        static Window of(String market, Market settings) {
            String where = "leadflow.markets." + market;
            ZoneId zone;
            try {
                zone = settings.timezone() == null ? ZoneOffset.UTC : ZoneId.of(settings.timezone());
            } catch (DateTimeException e) {
                throw new IllegalStateException(where + ".timezone is not an IANA time zone: " + settings.timezone());
            }
            LocalTime from = time(where + ".send-from", settings.sendFrom());
            LocalTime until = "24:00".equals(settings.sendUntil()) ? null : time(where + ".send-until", settings.sendUntil());
            if (from == null) {
                from = LocalTime.MIDNIGHT;
            }
            if (until != null && !from.isBefore(until)) {
                throw new IllegalStateException(where + ": send-from " + from + " must be before send-until " + until);
            }
            Set<DayOfWeek> closed = settings.closedDays() == null || settings.closedDays().isEmpty()
                    ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(settings.closedDays());
            if (closed.size() == 7) {
                throw new IllegalStateException(where + ".closed-days closes every day of the week");
            }
            return new Window(market, zone, from, until, closed);
        }

        private static LocalTime time(String property, String value) {
            if (value == null) {
                return null;
            }
            try {
                return LocalTime.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(property + " is not a time of day such as 09:00: " + value);
            }
        }

        /** {@code now} when it lies inside the window, else the window's next opening. */
        Instant nextAllowed(ZoneId zone, Instant now) {
            LocalDate today = now.atZone(zone).toLocalDate();
            for (int day = 0; day <= 7; day++) {
                LocalDate date = today.plusDays(day);
                if (closedDays.contains(date.getDayOfWeek())) {
                    continue;
                }
                // ZonedDateTime.of moves a time inside a daylight-saving gap forward by the gap's length
                Instant opens = ZonedDateTime.of(date, from, zone).toInstant();
                Instant closes = until == null ? date.plusDays(1).atStartOfDay(zone).toInstant()
                        : ZonedDateTime.of(date, until, zone).toInstant();
                if (!now.isBefore(closes) || !opens.isBefore(closes)) {
                    continue;
                }
                return now.isBefore(opens) ? opens : now;
            }
            throw new IllegalStateException("No send window within a week for market " + market);
        }

        String describe() {
            return "send window " + from + "-" + (until == null ? "24:00" : until)
                    + (closedDays.isEmpty() ? "" : ", closed " + closedDays);
        }
    }
}
