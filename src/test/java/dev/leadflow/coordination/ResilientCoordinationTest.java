package dev.leadflow.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.redis.RedisConnectionFailureException;

import dev.leadflow.coordination.Coordination.PairLimit;

class ResilientCoordinationTest {

    private final FlakyRedis redis = new FlakyRedis();
    private final ResilientCoordination coordination = new ResilientCoordination(redis,
            new CoordinationProperties("redis", 2, Duration.ZERO, null));
    private final CoordinationHealth health = new CoordinationHealth(coordination);

    @Test
    void whileRedisAnswersEverythingGoesThroughIt() {
        assertThat(coordination.tryTakeChannelToken("ch", 80)).isEmpty();
        assertThat(redis.calls.get()).isEqualTo(1);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(coordination.backend()).isEqualTo("redis");
    }

    @Test
    void whenRedisIsAwayEachNodeTakesOnlyItsShareOfTheRate() {
        redis.down = true;
        int taken = 0;
        for (int i = 0; i < 100; i++) {
            if (coordination.tryTakeChannelToken("ch", 80).isEmpty()) {
                taken++;
            }
        }
        assertThat(taken).isEqualTo(40);
        assertThat(health.health().getStatus()).isEqualTo(CoordinationHealth.DEGRADED);
        assertThat(coordination.backend()).isEqualTo("memory-fallback");
    }

    @Test
    void aLeadLockFallsBackToTheNodeAndTheSendStillRunsOnce() {
        redis.down = true;
        AtomicInteger runs = new AtomicInteger();

        assertThat(coordination.withLeadLock("lead", Duration.ofSeconds(1), runs::incrementAndGet)).contains(1);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aFailureOfTheActionItselfIsNotTakenForARedisFailure() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> coordination.withLeadLock("lead", Duration.ofSeconds(1), () -> {
            runs.incrementAndGet();
            throw new DataIntegrityViolationException("duplicate key");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(runs.get()).isEqualTo(1);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void whenRedisAnswersAgainTheClusterSharesItsLimitsAgain() {
        redis.down = true;
        coordination.tryTakeChannelToken("ch", 80);
        redis.down = false;

        coordination.tryTakeChannelToken("ch", 80);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(coordination.backend()).isEqualTo("redis");
    }

    @Test
    void healthSeesRedisBackEvenWhenNoSendAsksForIt() {
        redis.down = true;
        coordination.tryTakeChannelToken("ch", 80);
        assertThat(health.health().getStatus()).isEqualTo(CoordinationHealth.DEGRADED);
        redis.down = false;

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    /** Stands in for Redis; {@code down} makes every call fail as Lettuce does when it cannot connect. */
    private static final class FlakyRedis implements Coordination {
        volatile boolean down;
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public <T> Optional<T> withLeadLock(String leadId, Duration wait, Supplier<T> action) {
            check();
            return Optional.ofNullable(action.get());
        }

        @Override
        public Optional<Duration> tryTakeChannelToken(String channelId, int permitsPerSecond) {
            check();
            return Optional.empty();
        }

        @Override
        public ChannelTurn takeChannelTurn(String channelId, int permitsPerSecond, Duration longestWait) {
            check();
            return ChannelTurn.taken(Duration.ZERO);
        }

        @Override
        public Optional<Duration> tryTakeRecipientToken(String channelId, String recipient, PairLimit limit) {
            check();
            return Optional.empty();
        }

        @Override
        public void ping() {
            check();
        }

        @Override
        public String backend() {
            return "redis";
        }

        private void check() {
            calls.incrementAndGet();
            if (down) {
                throw new RedisConnectionFailureException("Unable to connect to Redis");
            }
        }
    }
}
