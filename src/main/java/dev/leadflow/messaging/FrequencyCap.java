package dev.leadflow.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.leadflow.messaging.TemplateCatalog.Category;

/**
 * At most N business-initiated messages per lead in any 24 hours, across all flows: per category
 * ({@code marketing: 2}) and over all categories ({@code all: 6}). Over the cap a send waits until the
 * oldest message that counts leaves the rolling window.
 */
final class FrequencyCap {

    static final Duration WINDOW = Duration.ofHours(24);
    static final String ALL = "all";

    private final Map<String, Integer> caps = new HashMap<>();

    FrequencyCap(Map<String, Integer> caps) {
        caps.forEach((key, cap) -> {
            String name = key.toLowerCase(Locale.ROOT);
            if (!ALL.equals(name) && java.util.Arrays.stream(Category.values()).noneMatch(c -> c.wireName().equals(name))) {
                throw new IllegalStateException("leadflow.messaging.frequency-caps." + key
                        + ": not a category (utility, marketing, authentication) or 'all'");
            }
            if (cap == null || cap < 1) {
                throw new IllegalStateException("leadflow.messaging.frequency-caps." + key + " must be at least 1");
            }
            this.caps.put(name, cap);
        });
    }

    /** A message the lead received (or may have received) from the business. */
    record RecentSend(Category category, Instant at) {
    }

    /** Empty when one more message of this category fits; otherwise until when it waits. */
    Optional<Deferral> check(Category category, List<RecentSend> sent, Instant now) {
        Instant windowStart = now.minus(WINDOW);
        List<RecentSend> recent = sent.stream().filter(s -> s.at().isAfter(windowStart))
                .sorted(Comparator.comparing(RecentSend::at)).toList();
        Optional<Deferral> byCategory = check(caps.get(category.wireName()), category.wireName(),
                recent.stream().filter(s -> s.category() == category).toList());
        Optional<Deferral> overall = check(caps.get(ALL), "business-initiated", recent);
        if (byCategory.isPresent() && overall.isPresent()) {
            return byCategory.get().until().isAfter(overall.get().until()) ? byCategory : overall;
        }
        return byCategory.isPresent() ? byCategory : overall;
    }

    private static Optional<Deferral> check(Integer cap, String what, List<RecentSend> recent) {
        if (cap == null || recent.size() < cap) {
            return Optional.empty();
        }
        // the moment only cap - 1 of them are left inside the window
        Instant until = recent.get(recent.size() - cap).at().plus(WINDOW);
        return Optional.of(new Deferral(until, "frequency cap: " + recent.size() + " " + what
                + " message(s) to this lead in the last 24 h (cap " + cap + ")"));
    }
}
