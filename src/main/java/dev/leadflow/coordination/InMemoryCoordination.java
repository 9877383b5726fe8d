package dev.leadflow.coordination;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Single-node coordination for the embedded default and unit tests. */
public class InMemoryCoordination implements Coordination {

    private final Map<String, ReentrantLock> leadLocks = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Override
    public <T> Optional<T> withLeadLock(String leadId, Duration wait, Supplier<T> action) {
        ReentrantLock lock = leadLocks.computeIfAbsent(leadId, id -> new ReentrantLock());
        boolean acquired;
        try {
            acquired = lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (!acquired) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(action.get());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Duration> tryTakeChannelToken(String channelId, int permitsPerSecond) {
        TokenBucket bucket = buckets.computeIfAbsent(channelId, id -> new TokenBucket(permitsPerSecond));
        return bucket.tryTake(System.nanoTime());
    }

    @Override
    public String backend() {
        return "memory";
    }

    /** A bucket of {@code capacity} tokens refilled at {@code capacity} per second. */
    static final class TokenBucket {
        private final int capacity;
        private double tokens;
        private long lastRefillNanos;

        TokenBucket(int capacity) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.lastRefillNanos = System.nanoTime();
        }

        synchronized Optional<Duration> tryTake(long nowNanos) {
            double elapsedSeconds = (nowNanos - lastRefillNanos) / 1e9;
            tokens = Math.min(capacity, tokens + elapsedSeconds * capacity);
            lastRefillNanos = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            long waitNanos = (long) Math.ceil((1 - tokens) / capacity * 1e9);
            return Optional.of(Duration.ofNanos(waitNanos));
        }
    }
}
