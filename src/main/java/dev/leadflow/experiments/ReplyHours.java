package dev.leadflow.experiments;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * When a lead (or leads like it) answer: replies counted per hour of the week, in local time, and the
 * best allowed hour to send within a horizon. Pure: no clock, no database.
 */
final class ReplyHours {

    static final int HOURS_OF_WEEK = 7 * 24;

    private final int[] replies = new int[HOURS_OF_WEEK];
    private int total;

    /** Counts a reply at its local hour of the week. */
    void count(Instant at, ZoneId zone) {
        replies[hourOfWeek(at.atZone(zone))]++;
        total++;
    }

    int total() {
        return total;
    }

    int at(int hourOfWeek) {
        return replies[hourOfWeek];
    }

    static int hourOfWeek(ZonedDateTime local) {
        return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
    }

    /** A chosen hour: its start, and how many replies fell in that hour of the week. */
    record Choice(Instant at, int hourOfWeek, int replies) {
    }

    /**
     * The allowed hour within the horizon in which most replies fell, in the lead's zone; the current hour
     * when it is as good as any (ties go to the earliest, so a message is never delayed for nothing).
     */
    Optional<Choice> best(Instant now, ZoneId zone, Duration horizon, Predicate<Instant> allowed) {
        if (total == 0) {
            return Optional.empty();
        }
        Choice best = null;
        ZonedDateTime hourStart = now.atZone(zone).truncatedTo(ChronoUnit.HOURS);
        Instant end = now.plus(horizon);
        for (ZonedDateTime candidate = hourStart; !candidate.toInstant().isAfter(end);
             candidate = candidate.plusHours(1)) {
            Instant at = candidate.toInstant().isBefore(now) ? now : candidate.toInstant();
            if (!allowed.test(at)) {
                continue;
            }
            int score = replies[hourOfWeek(candidate)];
            if (best == null || score > best.replies()) {
                best = new Choice(at, hourOfWeek(candidate), score);
            }
        }
        return Optional.ofNullable(best);
    }

    /** "Tuesday 10:00" for an hour of the week. */
    static String describe(int hourOfWeek) {
        DayOfWeek day = DayOfWeek.of(hourOfWeek / 24 + 1);
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + String.format(Locale.ROOT, " %02d:00",
                hourOfWeek % 24);
    }
}
