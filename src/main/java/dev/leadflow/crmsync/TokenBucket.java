package dev.leadflow.crmsync;

import java.time.Duration;

/**
 * A CRM API's rate limit on this node: {@code capacity} requests, refilled evenly over {@code period}
 * (HubSpot: 100 per 10 s; Pipedrive: its burst limit per 2 s). Real time, not the engine's: the limit is
 * the CRM's.
 */
public final class TokenBucket {

    private final int capacity;
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt;
    private long blockedUntil;

    public TokenBucket(int capacity, Duration period) {
        if (capacity <= 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("A rate limit needs a capacity and a period");
        }
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) period.toNanos();
        this.tokens = capacity;
        this.refilledAt = System.nanoTime();
        this.blockedUntil = refilledAt;
    }

    /**
     * Takes a token, waiting at most {@code maxWait} for one. @return false when none came in time (the
     * caller tries later)
     */
    public boolean acquire(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                refill(now);
                if (now >= blockedUntil && tokens >= 1) {
                    tokens -= 1;
                    return true;
                }
                wait = Math.max(blockedUntil - now, (long) Math.ceil((1 - tokens) / tokensPerNano));
                if (now + wait > deadline) {
                    return false;
                }
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.max(wait, 1_000_000));
        }
    }

    /** The CRM answered 429: no request before {@code retryAfter} has passed, and the bucket starts empty. */
    public synchronized void blockFor(Duration retryAfter) {
        long now = System.nanoTime();
        blockedUntil = Math.max(blockedUntil, now + retryAfter.toNanos());
        tokens = 0;
        refilledAt = now;
    }

    private void refill(long now) {
        tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
        refilledAt = now;
    }
}
