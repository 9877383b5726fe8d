package dev.leadflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.leadflow.tracking.TimelineEntry.Kind;

class TimelinePageTest {

    private static final Instant T = Instant.parse("2026-03-04T15:00:00Z");

    @Test
    void pagesCoverTheTimelineOnceInOrderEvenWhenAMomentSpansTwoPages() {
        List<TimelineEntry> timeline = List.of(entry(0, "a"), entry(1, "b"), entry(1, "c"), entry(1, "d"),
                entry(2, "e"));

        List<TimelineEntry> read = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            TimelinePage page = TimelinePage.of(timeline, after, 2);
            read.addAll(page.entries());
            after = page.next();
            pages++;
        } while (after != null);

        assertThat(read).isEqualTo(timeline);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void anEntryArrivingBeforeTheCursorDoesNotShiftTheNextPage() {
        List<TimelineEntry> timeline = new ArrayList<>(List.of(entry(0, "a"), entry(1, "b"), entry(2, "c")));
        TimelinePage first = TimelinePage.of(timeline, null, 2);

        timeline.add(0, entry(0, "late status of an early message"));
        TimelinePage second = TimelinePage.of(timeline, first.next(), 2);

        assertThat(second.entries()).extracting(TimelineEntry::detail).containsExactly("c");
        assertThat(second.next()).isNull();
    }

    @Test
    void aShortTimelineIsOnePage() {
        TimelinePage page = TimelinePage.of(List.of(entry(0, "a")), null, 10);

        assertThat(page.entries()).hasSize(1);
        assertThat(page.next()).isNull();
    }

    @Test
    void aForeignCursorIsRefused() {
        assertThatThrownBy(() -> TimelinePage.of(List.of(), "not-a-cursor!", 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TimelineEntry entry(int seconds, String detail) {
        return new TimelineEntry(T.plusSeconds(seconds), Kind.STEP_REACHED, "welcome", "step", detail);
    }
}
