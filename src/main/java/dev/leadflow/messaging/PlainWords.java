package dev.leadflow.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How times and durations read wherever a person sees them (timeline, task forms, answers to operators):
 * one date format, "7 days" rather than PT168H.
 */
public final class PlainWords {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private PlainWords() {
    }

    /** {@code 2026-03-04 15:00 UTC}. */
    public static String at(Instant instant) {
        return instant == null ? "" : AT.format(instant.atOffset(ZoneOffset.UTC)) + " UTC";
    }

    /** {@code Wed 2026-03-04 12:00 (America/Sao_Paulo)}: the moment as the lead's clock shows it. */
    public static String localTime(Instant instant, String zone) {
        if (instant == null) {
            return "";
        }
        ZoneId id = zoneOrUtc(zone);
        return LOCAL.format(instant.atZone(id)) + " (" + id.getId() + ")";
    }

    /** {@code 7 days}, {@code 1 day 12 hours}, {@code 15 minutes}, {@code 30 seconds}. */
    public static String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = Math.abs(duration.toSeconds());
        if (seconds == 0) {
            return duration.isZero() ? "no time" : "less than a second";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        StringBuilder words = new StringBuilder();
        append(words, days, "day");
        append(words, hours, "hour");
        if (days == 0) {
            append(words, minutes, "minute");
        }
        if (days == 0 && hours == 0) {
            append(words, rest, "second");
        }
        return words.toString();
    }

    /** The duration in words when the text is an ISO-8601 duration ({@code PT168H}); the text as it is otherwise. */
    public static String durationText(String text) {
        try {
            return duration(Duration.parse(text));
        } catch (RuntimeException notADuration) {
            return text;
        }
    }

    /**
     * A refusal as a person reads it: the code's meaning first, Meta's own text after it when it adds
     * something: {@code the template does not exist ... (error 132001: Template name does not exist)}.
     */
    public static String failure(String meaning, Integer code, String metaText) {
        String text = metaText == null ? "" : metaText.replaceFirst("^\\(#?" + code + "\\)\\s*", "").strip();
        if (code == null) {
            return text.isEmpty() ? "no reason given" : text;
        }
        return meaning + " (error " + code + (text.isEmpty() || text.equalsIgnoreCase(meaning) ? "" : ": " + text)
                + ")";
    }

    private static void append(StringBuilder words, long count, String unit) {
        if (count > 0) {
            words.append(words.isEmpty() ? "" : " ").append(count).append(' ').append(unit)
                    .append(count > 1 ? "s" : "");
        }
    }

    private static ZoneId zoneOrUtc(String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (RuntimeException unknownZone) {
            return ZoneOffset.UTC;
        }
    }
}
