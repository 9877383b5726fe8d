package dev.leadflow.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One page of a lead's timeline and the cursor of the next. The cursor names a moment and how many
 * entries of that moment were already returned, so entries that arrive later (a status, a reply) never
 * shift a page a client is reading, unlike an offset.
 *
 * @param next the cursor of the next page; null on the last one
 */
record TimelinePage(List<TimelineEntry> entries, String next) {

    /**
     * @param timeline the whole timeline, oldest first
     * @param after    a cursor from an earlier page, or null for the first page
     * @throws IllegalArgumentException when {@code after} is not a cursor of this API
     */
    static TimelinePage of(List<TimelineEntry> timeline, String after, int limit) {
        int start = 0;
        if (after != null) {
            Cursor cursor = Cursor.parse(after).orElseThrow(() -> new IllegalArgumentException("not a timeline cursor"));
            int firstAtOrAfter = firstIndex(timeline, entry -> !entry.at().isBefore(cursor.at()));
            int firstAfter = firstIndex(timeline, entry -> entry.at().isAfter(cursor.at()));
            start = Math.min(firstAtOrAfter + cursor.seenAtThatMoment(), firstAfter);
        }
        int end = Math.min(timeline.size(), start + limit);
        List<TimelineEntry> entries = timeline.subList(start, end);
        if (end == timeline.size()) {
            return new TimelinePage(entries, null);
        }
        Instant lastAt = timeline.get(end - 1).at();
        int firstOfLastMoment = firstIndex(timeline, entry -> !entry.at().isBefore(lastAt));
        return new TimelinePage(entries, new Cursor(lastAt, end - firstOfLastMoment).encode());
    }

    private static int firstIndex(List<TimelineEntry> timeline, java.util.function.Predicate<TimelineEntry> test) {
        for (int i = 0; i < timeline.size(); i++) {
            if (test.test(timeline.get(i))) {
                return i;
            }
        }
        return timeline.size();
    }

    record Cursor(Instant at, int seenAtThatMoment) {

        String encode() {
            String plain = at.getEpochSecond() + "." + at.getNano() + "~" + seenAtThatMoment;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
        }

        static Optional<Cursor> parse(String encoded) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
                String[] parts = plain.split("[.~]");
                if (parts.length != 3) {
                    return Optional.empty();
                }
                int seen = Integer.parseInt(parts[2]);
                if (seen < 0) {
                    return Optional.empty();
                }
                return Optional.of(new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                        seen));
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
    }
}
