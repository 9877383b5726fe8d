package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RewarmingDispatcherTest {

    private final Instant now = Instant.parse("2026-04-20T12:00:00Z");
    private final Duration window = Duration.ofHours(4);

    @Test
    void theStartsOfARoundAreSpreadEvenlyOverTheWindow() {
        assertThat(RewarmingDispatcher.slot(now, window, 0, 1000)).isEqualTo(now);
        assertThat(RewarmingDispatcher.slot(now, window, 500, 1000)).isEqualTo(now.plus(Duration.ofHours(2)));
        assertThat(RewarmingDispatcher.slot(now, window, 999, 1000)).isBefore(now.plus(window));
    }

    @Test
    void aSingleLeadStartsAtOnce() {
        assertThat(RewarmingDispatcher.slot(now, window, 0, 1)).isEqualTo(now);
    }
}
