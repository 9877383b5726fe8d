package dev.leadflow.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.springframework.stereotype.Component;

/**
 * Meeting-relative times for BPMN expressions, so the offsets stay in the model where an analyst reads them:
 * {@code ${meetingTime.before(meetingStartsAt, 'PT24H')}} as a timer date, and
 * {@code ${meetingTime.isAhead(meetingStartsAt, 'PT24H')}} to skip a reminder whose moment has passed.
 * Public because the expression language calls it.
 */
@Component("meetingTime")
public class MeetingTime {

    private final Clock clock;

    MeetingTime(Clock clock) {
        this.clock = clock;
    }

    /** The meeting start ({@code meetingStartsAt}, an ISO-8601 instant) as a timer date. */
    public Date at(String startsAt) {
        return Date.from(Instant.parse(startsAt));
    }

    /** The moment {@code isoDuration} (e.g. {@code PT24H}) before the meeting starts. */
    public Date before(String startsAt, String isoDuration) {
        return Date.from(Instant.parse(startsAt).minus(Duration.parse(isoDuration)));
    }

    /** Whether the moment {@code isoDuration} before the meeting is still in the future. */
    public boolean isAhead(String startsAt, String isoDuration) {
        return before(startsAt, isoDuration).toInstant().isAfter(clock.instant());
    }
}
