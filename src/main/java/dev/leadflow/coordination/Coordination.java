package dev.leadflow.coordination;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cross-node coordination of sends: Redis in real deployments, in memory for the embedded run.
 * Every "try" method answers at once: empty when the send may go now, otherwise how long to wait.
 */
public interface Coordination {

    /**
     * Runs {@code action} while holding the lead's send lock, so two flows of one lead never send in
     * the same instant. Waits up to {@code wait} for the lock; empty when it could not be had.
     */
    <T> Optional<T> withLeadLock(String leadId, Duration wait, Supplier<T> action);

    /**
     * The window a channel's per-second limit is counted over: a little longer than a second, so that
     * the few milliseconds by which sends may bunch on their way to Meta never add up to more than the
     * limit within any second at Meta's end. A channel's turns are this window divided by its limit apart.
     */
    Duration CHANNEL_WINDOW = Duration.ofMillis(1050);

    /**
     * Takes the channel's next turn, cluster-wide: turns are {@code CHANNEL_WINDOW / permitsPerSecond} apart,
     * so the sends of a burst leave evenly spaced instead of all at once and then none. The turn is taken
     * only when it comes within {@code longestWait}; otherwise the answer says how long until the turns
     * already taken run out, and nothing is taken.
     */
    ChannelTurn takeChannelTurn(String channelId, int permitsPerSecond, Duration longestWait);

    /**
     * Takes a slot of the channel's throughput: at most {@code permitsPerSecond} sends in any
     * {@link #CHANNEL_WINDOW}, across all nodes.
     */
    Optional<Duration> tryTakeChannelToken(String channelId, int permitsPerSecond);

    /**
     * Takes a slot of the pair rate limit (one business number and one user): Meta allows about one
     * message per 6 s, with short bursts borrowed from the future.
     */
    Optional<Duration> tryTakeRecipientToken(String channelId, String recipient, PairLimit limit);

    /** Checks that the backend answers; a backend that needs no connection answers always. */
    default void ping() {
    }

    /** Which backend answered the last call: {@code redis}, {@code memory}, or {@code memory-fallback}. */
    String backend();

    /**
     * A channel's turn: {@code taken}, the send goes after {@code delay}; not taken, the channel's turns are
     * spoken for until {@code delay} from now.
     */
    record ChannelTurn(Duration delay, boolean taken) {

        public static ChannelTurn taken(Duration delay) {
            return new ChannelTurn(delay, true);
        }

        public static ChannelTurn spokenForDuring(Duration delay) {
            return new ChannelTurn(delay, false);
        }
    }

    /** Meta's pair rate limit as configured: {@code burst} messages, then one per {@code interval}. */
    record PairLimit(int burst, Duration interval) {

        public static final PairLimit META_DEFAULT = new PairLimit(3, Duration.ofSeconds(6));
    }
}
