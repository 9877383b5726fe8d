package dev.leadflow.bench;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for work to finish: as long as it makes progress, and no longer than a stall without any. */
final class Await {

    private static final Duration POLL = Duration.ofMillis(200);

    private Await() {
    }

    /** Polls {@code remaining} until it is zero, or stays unchanged for {@code stall}. */
    static long zero(Callable<Long> remaining, Duration stall) {
        return -count(() -> -remaining.call(), 0, stall);
    }

    /**
     * Polls {@code progress} until it reaches {@code target}, or stays unchanged for {@code stall}.
     *
     * @return the last value seen
     */
    static long count(Callable<Long> progress, long target, Duration stall) {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long now;
            try {
                now = progress.call();
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the progress", e);
            }
            if (now >= target) {
                return now;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                return now;
            }
            LeadflowApp.sleep(POLL);
        }
    }
}
