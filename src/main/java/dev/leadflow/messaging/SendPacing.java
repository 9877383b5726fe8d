package dev.leadflow.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.leadflow.coordination.Coordination;
import dev.leadflow.messaging.ChannelRouter.Route;

/**
 * Meta's pair rate limit for this recipient, then the channel's throughput. A send over either is
 * deferred to its turn, so its job thread serves other sends meanwhile and a burst of due sends comes
 * back spread at the channel's pace.
 */
@Component
class SendPacing {

    /** A wait this short is slept through; a longer one gives the job thread back. */
    private static final Duration SHORT_RATE_WAIT = Duration.ofMillis(50);

    private final Coordination coordination;
    private final Clock clock;

    SendPacing(Coordination coordination, Clock clock) {
        this.coordination = coordination;
        this.clock = clock;
    }

    /** Empty when the message may go now; otherwise its turn. */
    Optional<Deferral> turnOf(Route route, String recipientPhone) {
        Optional<Duration> pair = coordination.tryTakeRecipientToken(route.id(), recipientPhone,
                Coordination.PairLimit.META_DEFAULT);
        if (pair.isPresent()) {
            return Optional.of(new Deferral(clock.instant().plus(pair.get()), "pair rate limit: several messages to"
                    + " this recipient in a few seconds; next one in " + pair.get().toMillis() + " ms"));
        }
        Optional<Duration> wait = coordination.tryTakeChannelToken(route.id(), route.ratePerSecond());
        if (wait.isPresent() && wait.get().compareTo(SHORT_RATE_WAIT) <= 0) {
            sleep(wait.get());
            wait = coordination.tryTakeChannelToken(route.id(), route.ratePerSecond());
        }
        if (wait.isEmpty()) {
            return Optional.empty();
        }
        Duration turn = coordination.reserveChannelTurn(route.id(), route.ratePerSecond());
        return Optional.of(new Deferral(clock.instant().plus(turn), "channel " + route.name() + " at its rate limit of "
                + route.ratePerSecond() + "/s; its turn in " + turn.toMillis() + " ms"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("interrupted while waiting for the channel's rate limit");
        }
    }
}
