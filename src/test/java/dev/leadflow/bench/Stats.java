package dev.leadflow.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The arithmetic of the benchmark: latency summaries, rates, rolling peaks and duplicate counts. */
final class Stats {

    private Stats() {
    }

    /** Latency figures in milliseconds (nearest-rank percentiles). */
    record Summary(int count, double p50, double p90, double p99, double max, double mean) {

        static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0);

        @Override
        public String toString() {
            return count == 0 ? "-" : "p50 %.0f ms, p99 %.0f ms, max %.0f ms".formatted(p50, p99, max);
        }
    }

    static Summary summarize(double[] millis) {
        if (millis.length == 0) {
            return Summary.EMPTY;
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Summary(sorted.length, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                round(sorted[sorted.length - 1]), round(Arrays.stream(sorted).average().orElse(0)));
    }

    static Summary summarize(Collection<? extends Number> millis) {
        return summarize(millis.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** Nearest-rank percentile of an ascending array. */
    static double percentile(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return round(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
    }

    /** The most events inside any window of {@code windowMillis} (events at t and t + window - 1 share one). */
    static int peakInAnyWindow(long[] eventMillis, long windowMillis) {
        long[] sorted = eventMillis.clone();
        Arrays.sort(sorted);
        int peak = 0;
        int first = 0;
        for (int last = 0; last < sorted.length; last++) {
            while (sorted[last] - sorted[first] >= windowMillis) {
                first++;
            }
            peak = Math.max(peak, last - first + 1);
        }
        return peak;
    }

    /** Keys seen more than once, with how often. */
    static Map<String, Integer> duplicates(Collection<String> keys) {
        Map<String, Integer> counts = new HashMap<>();
        keys.forEach(key -> counts.merge(key, 1, Integer::sum));
        Map<String, Integer> repeated = new TreeMap<>();
        counts.forEach((key, count) -> {
            if (count > 1) {
                repeated.put(key, count);
            }
        });
        return repeated;
    }

    static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : round(count / seconds);
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static double megabytes(double bytes) {
        return round(bytes / (1024 * 1024));
    }
}
