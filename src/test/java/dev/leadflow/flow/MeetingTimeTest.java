package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class MeetingTimeTest {

    private static final String STARTS_AT = "2026-03-07T15:00:00Z";

    private final MeetingTime meetingTime =
            new MeetingTime(Clock.fixed(Instant.parse("2026-03-06T14:30:00Z"), ZoneOffset.UTC));

    @Test
    void timesAreComputedFromTheMeetingStart() {
        assertThat(meetingTime.at(STARTS_AT).toInstant()).isEqualTo(Instant.parse(STARTS_AT));
        assertThat(meetingTime.before(STARTS_AT, "PT24H").toInstant()).isEqualTo(Instant.parse("2026-03-06T15:00:00Z"));
        assertThat(meetingTime.before(STARTS_AT, "PT1H").toInstant()).isEqualTo(Instant.parse("2026-03-07T14:00:00Z"));
    }

    @Test
    void aMomentIsAheadOnlyWhileItIsInTheFuture() {
        assertThat(meetingTime.isAhead(STARTS_AT, "PT24H")).isTrue();
        assertThat(meetingTime.isAhead(STARTS_AT, "PT24H30M")).isFalse();
        assertThat(meetingTime.isAhead(STARTS_AT, "PT24H31M")).isFalse();
    }
}
