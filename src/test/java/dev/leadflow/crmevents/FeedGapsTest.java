package dev.leadflow.crmevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The pull feed never moves a reader past an event that may still be committing. */
class FeedGapsTest {

    private static final Instant NOW = Instant.parse("2026-03-04T15:00:00Z");
    private static final Instant SETTLED_BEFORE = NOW.minusSeconds(10);

    @Test
    void aYoungGapEndsThePage() {
        List<OutboundEvent> page = OutboundEvents.settled(10, List.of(row(11, NOW), row(13, NOW), row(14, NOW)),
                SETTLED_BEFORE);

        assertThat(page).extracting(OutboundEvent::seq).containsExactly(11L);
    }

    @Test
    void anOldGapIsARolledBackOrErasedEvent() {
        List<OutboundEvent> page = OutboundEvents.settled(10, List.of(row(12, NOW.minusSeconds(60)), row(13, NOW)),
                SETTLED_BEFORE);

        assertThat(page).extracting(OutboundEvent::seq).containsExactly(12L, 13L);
    }

    @Test
    void aGapRightAfterTheCursorCounts() {
        assertThat(OutboundEvents.settled(10, List.of(row(12, NOW)), SETTLED_BEFORE)).isEmpty();
    }

    private static OutboundEvents.Stored row(long seq, Instant recordedAt) {
        return new OutboundEvents.Stored(new OutboundEvent(seq, "e" + seq, "lead.replied", "lead-1", recordedAt, "{}"),
                recordedAt);
    }
}
