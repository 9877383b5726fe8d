package dev.leadflow.coordination;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Single-node coordination for the embedded default, the tests, and the fallback when Redis is away. */
public class InMemoryCoordination implements Coordination {

    private static final long WINDOW = CHANNEL_WINDOW.toNanos();
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<String, ReentrantLock> leadLocks = new ConcurrentHashMap<>();
    private final Map<String, SlidingWindow> channelWindows = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> pairBuckets = new ConcurrentHashMap<>();
    private final Map<String, Turns> turns = new ConcurrentHashMap<>();
    private final String name;
    private final Clock clock;

    /**
     * @param clock the application's clock: in tests it is the engine's, so limits and the deferrals they
     *              cause live on the same time line as the timers
     */
    public InMemoryCoordination(Clock clock) {
        this("memory", clock);
    }

    InMemoryCoordination(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

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
        return channelWindows.computeIfAbsent(channelId, id -> new SlidingWindow())
                .tryTake(nanos(), permitsPerSecond);
    }

    @Override
    public ChannelTurn takeChannelTurn(String channelId, int permitsPerSecond, Duration longestWait) {
        return turns.computeIfAbsent(channelId, id -> new Turns()).take(nanos(), permitsPerSecond, longestWait);
    }

    @Override
    public Optional<Duration> tryTakeRecipientToken(String channelId, String recipient, PairLimit limit) {
        return pairBuckets.computeIfAbsent(channelId + "|" + recipient, key -> new TokenBucket())
                .tryTake(nanos(), limit);
    }

    @Override
    public String backend() {
        return name;
    }

    /** Forgets every count and turn; locks held stay held. Tests start each scenario from a quiet channel. */
    public void forgetLimits() {
        channelWindows.clear();
        pairBuckets.clear();
        turns.clear();
    }

    private long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * SECOND_NANOS + now.getNano();
    }

    /** The send times of the last window: a new one is allowed while fewer than the limit. */
    static final class SlidingWindow {
        private final Deque<Long> sends = new ArrayDeque<>();

        synchronized Optional<Duration> tryTake(long nowNanos, int limit) {
            while (!sends.isEmpty() && sends.peekFirst() <= nowNanos - WINDOW) {
                sends.pollFirst();
            }
            if (sends.size() < limit) {
                sends.addLast(nowNanos);
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(sends.peekFirst() + WINDOW - nowNanos + 1));
        }
    }

    /** Virtual scheduling: each turn taken moves the next free one on by the window's share of one send. */
    static final class Turns {
        private long nextTurn = Long.MIN_VALUE;

        synchronized ChannelTurn take(long nowNanos, int permitsPerSecond, Duration longestWait) {
            long turn = Math.max(nowNanos, nextTurn);
            Duration wait = Duration.ofNanos(turn - nowNanos);
            if (wait.compareTo(longestWait) > 0) {
                return ChannelTurn.spokenForDuring(wait);
            }
            nextTurn = turn + WINDOW / Math.max(1, permitsPerSecond);
            return ChannelTurn.taken(wait);
        }
    }

    /** {@code burst} tokens, one more every {@code interval}. */
    static final class TokenBucket {
        private double tokens = Double.NaN;
        private long last;

        synchronized Optional<Duration> tryTake(long nowNanos, PairLimit limit) {
            double perNano = 1.0 / limit.interval().toNanos();
            if (Double.isNaN(tokens)) {
                tokens = limit.burst();
            } else {
                tokens = Math.min(limit.burst(), tokens + (nowNanos - last) * perNano);
            }
            last = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
        }
    }
}
