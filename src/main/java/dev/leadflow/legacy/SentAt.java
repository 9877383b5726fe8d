package dev.leadflow.legacy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * A legacy {@code sent_at}: ISO-8601 with or without an offset ({@code T} or a space), {@code dd/MM/yyyy HH:mm[:ss]},
 * or epoch seconds (or milliseconds). Without an offset it is in {@code leadflow.legacy.time-zone}.
 */
final class SentAt {

    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss][.SSSSSS][.SSS]"),
            DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm[:ss]"));

    private SentAt() {
    }

    /** Empty for a blank value; a value that is no time at all throws {@link DateTimeException}. */
    static Optional<Instant> parse(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 13) {
            long number = Long.parseLong(text);
            return Optional.of(number > 100_000_000_000L ? Instant.ofEpochMilli(number)
                    : Instant.ofEpochSecond(number));
        }
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + "T" + text.substring(11)
                : text;
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeException noOffset) {
            for (DateTimeFormatter format : LOCAL) {
                try {
                    return Optional.of(LocalDateTime.parse(text, format).atZone(zone).toInstant());
                } catch (DateTimeException tryNext) {
                    // the next format
                }
            }
        }
        throw new DateTimeException("sent_at '" + text + "' is not a time (ISO-8601, dd/MM/yyyy HH:mm or epoch"
                + " seconds)");
    }
}
