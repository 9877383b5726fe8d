package dev.leadflow.crmevents;

import java.time.Duration;
import java.util.Optional;

/** An HTTP {@code Retry-After} header in seconds (the form the CRMs' APIs use). */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
