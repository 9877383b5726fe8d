package dev.leadflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic, so its figures can be trusted. */
class StatsTest {

    @Test
    void percentilesAreNearestRank() {
        double[] millis = new double[100];
        for (int i = 0; i < 100; i++) {
            millis[i] = 100 - i;
        }

        Stats.Summary summary = Stats.summarize(millis);

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50);
        assertThat(summary.p90()).isEqualTo(90);
        assertThat(summary.p99()).isEqualTo(99);
        assertThat(summary.max()).isEqualTo(100);
        assertThat(summary.mean()).isEqualTo(50.5);
    }

    @Test
    void aSingleValueIsEveryPercentileAndNoValueIsEmpty() {
        assertThat(Stats.summarize(new double[] {7})).isEqualTo(new Stats.Summary(1, 7, 7, 7, 7, 7));
        assertThat(Stats.summarize(List.<Double>of())).isEqualTo(Stats.Summary.EMPTY);
    }

    @Test
    void thePeakCountsEventsWithinAnyWindowNotWithinCalendarSeconds() {
        // 3 in the second [0, 1000) and 3 in [1000, 2000), but 5 within 900..1899
        long[] events = {100, 900, 950, 1000, 1800, 1899, 5000};

        assertThat(Stats.peakInAnyWindow(events, 1000)).isEqualTo(5);
        assertThat(Stats.peakInAnyWindow(new long[] {0, 1000, 2000}, 1000)).isEqualTo(1);
        assertThat(Stats.peakInAnyWindow(new long[0], 1000)).isZero();
    }

    @Test
    void duplicatesAreTheKeysSeenMoreThanOnce() {
        assertThat(Stats.duplicates(List.of("a:welcome:welcome", "b:welcome:welcome", "a:welcome:welcome")))
                .isEqualTo(Map.of("a:welcome:welcome", 2));
        assertThat(Stats.duplicates(List.of("a", "b"))).isEmpty();
    }

    @Test
    void ratesAreCountsPerSecond() {
        assertThat(Stats.perSecond(250, 2.5)).isEqualTo(100);
        assertThat(Stats.perSecond(10, 0)).isZero();
    }
}
