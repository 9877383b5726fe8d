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
     * limit within any second at Meta's end.
     */
    Duration CHANNEL_WINDOW = Duration.ofMillis(1200);

    /**
     * Takes a slot of the channel's throughput: at most {@code permitsPerSecond} sends in any
     * {@link #CHANNEL_WINDOW}, across all nodes.
     */
    Optional<Duration> tryTakeChannelToken(String channelId, int permitsPerSecond);

    /**
     * Reserves a later turn on a channel that is at its limit: successive reservations are spaced
     * {@code 1/permitsPerSecond} apart, cluster-wide, so a burst of refused sends comes back staggered
     * at the channel's pace instead of all at once. Returns how long until the reserved turn.
     */
    Duration reserveChannelTurn(String channelId, int permitsPerSecond);

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

    /** Meta's pair rate limit as configured: {@code burst} messages, then one per {@code interval}. */
    record PairLimit(int burst, Duration interval) {

        public static final PairLimit META_DEFAULT = new PairLimit(3, Duration.ofSeconds(6));
    }
}
