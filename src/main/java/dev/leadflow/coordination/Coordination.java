package dev.leadflow.coordination;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cross-node coordination of sends. Redis in real deployments, in memory for the embedded run.
 */
public interface Coordination {

    /**
     * Runs {@code action} while holding the lead's send lock, so two flows of one lead never send in
     * the same instant. Waits up to {@code wait} for the lock; empty when it could not be had.
     */
    <T> Optional<T> withLeadLock(String leadId, Duration wait, Supplier<T> action);

    /**
     * Takes one token from the channel's bucket. Empty when one was available; otherwise how long until
     * the next one.
     */
    Optional<Duration> tryTakeChannelToken(String channelId, int permitsPerSecond);

    /** The backend's name and whether it answers, for health and the timeline. */
    String backend();
}
