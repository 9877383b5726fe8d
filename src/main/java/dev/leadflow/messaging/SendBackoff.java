package dev.leadflow.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Growing waits after Meta's per-recipient refusals, by how many times in a row it refused. */
final class SendBackoff {

    /** 131056 after this many refusals in a row is no longer paced but retried as a failing job. */
    static final int PAIR_RATE_LIMIT_MAX_STRIKES = 6;

    private final List<Duration> marketingLimit;

    SendBackoff(List<Duration> marketingLimit) {
        if (marketingLimit.isEmpty()) {
            throw new IllegalStateException("leadflow.messaging.marketing-limit-backoff needs at least one interval");
        }
        this.marketingLimit = List.copyOf(marketingLimit);
    }

    /** 131056, pair rate limit: 4^n seconds for the n-th refusal in a row (n = 0, 1, 2, ...). */
    static Duration pairRateLimit(int strike) {
        int n = Math.max(0, strike - 1);
        return Duration.ofSeconds((long) Math.pow(4, Math.min(n, 15)));
    }

    /** 131049, marketing limit: the configured intervals in hours; empty once they are used up. */
    Optional<Duration> marketingLimit(int strike) {
        return strike >= 1 && strike <= marketingLimit.size()
                ? Optional.of(marketingLimit.get(strike - 1)) : Optional.empty();
    }
}
