package dev.leadflow.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.leadflow.coordination.Coordination;
import dev.leadflow.coordination.Coordination.ChannelTurn;
import dev.leadflow.messaging.ChannelRouter.Route;

/**
 * Meta's pair rate limit for this recipient, then the channel's throughput. The channel's turns are spaced
 * evenly, cluster-wide: a send waits for its turn on its job thread when it comes within a moment, so a burst
 * of due sends leaves at the channel's pace without a job going back to the queue. Only when a channel's turns
 * are spoken for further ahead (a slow channel, many nodes) is the send deferred to when they run out.
 */
@Component
class SendPacing {

    /**
     * The longest a job thread waits for its channel's turn. At 80/s a turn comes every 13 ms, so the threads
     * of a few nodes all wait far less; a slow channel's sends give their thread back instead.
     */
    static final Duration LONGEST_TURN_WAIT = Duration.ofMillis(500);

    private final Coordination coordination;
    private final Clock clock;

    SendPacing(Coordination coordination, Clock clock) {
        this.coordination = coordination;
        this.clock = clock;
    }

    /** Empty when the message may go now (after waiting for its turn); otherwise when to try again. */
    Optional<Deferral> turnOf(Route route, String recipientPhone) {
        Optional<Duration> pair = coordination.tryTakeRecipientToken(route.id(), recipientPhone,
                Coordination.PairLimit.META_DEFAULT);
        if (pair.isPresent()) {
            return Optional.of(new Deferral(clock.instant().plus(pair.get()), "pair rate limit: several messages to"
                    + " this recipient in a few seconds; next one in " + pair.get().toMillis() + " ms"));
        }
        ChannelTurn turn = coordination.takeChannelTurn(route.id(), route.ratePerSecond(), LONGEST_TURN_WAIT);
        if (!turn.taken()) {
            return Optional.of(atRateLimit(route, turn.delay()));
        }
        sleep(turn.delay());
        return countedInWindow(route);
    }

    /**
     * The window still counts what was sent, whatever the turns: threads that woke late must not make a
     * bunch with the next ones. A send the window holds back waits for a free slot as long as for a turn.
     */
    private Optional<Deferral> countedInWindow(Route route) {
        long deadline = System.nanoTime() + LONGEST_TURN_WAIT.toNanos();
        Optional<Duration> wait = coordination.tryTakeChannelToken(route.id(), route.ratePerSecond());
        while (wait.isPresent() && System.nanoTime() + wait.get().toNanos() <= deadline) {
            sleep(wait.get());
            wait = coordination.tryTakeChannelToken(route.id(), route.ratePerSecond());
        }
        return wait.map(later -> atRateLimit(route, later));
    }

    private Deferral atRateLimit(Route route, Duration wait) {
        return new Deferral(clock.instant().plus(wait), "channel " + route.name() + " at its rate limit of "
                + route.ratePerSecond() + "/s; its turn in " + wait.toMillis() + " ms");
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            // rounded up: waking a fraction of a millisecond before the turn would take it early
            Thread.sleep(Math.max(1, (duration.toNanos() + 999_999) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("interrupted while waiting for the channel's turn");
        }
    }
}
