package dev.leadflow.coordination;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Redis when it answers; a conservative single-node fallback when it does not. While Redis is away
 * each node takes only its share of a channel's rate and locks leads locally: the ledger's unique key
 * still stops any duplicate across nodes, sending slows, nothing is lost. Redis is tried again after
 * {@code retryRedisAfter}, so recovery needs no one.
 */
public class ResilientCoordination implements Coordination {

    private static final Logger log = LoggerFactory.getLogger(ResilientCoordination.class);

    private final Coordination redis;
    private final InMemoryCoordination fallback = new InMemoryCoordination("memory-fallback", Clock.systemUTC());
    private final CoordinationProperties properties;
    private volatile Instant redisDownSince;
    private volatile Instant retryRedisAt = Instant.MIN;
    private volatile String lastError;

    public ResilientCoordination(Coordination redis, CoordinationProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    @Override
    public <T> Optional<T> withLeadLock(String leadId, Duration wait, Supplier<T> action) {
        if (useRedis()) {
            AtomicBoolean ran = new AtomicBoolean();
            try {
                Optional<T> result = redis.withLeadLock(leadId, wait, () -> {
                    ran.set(true);
                    return action.get();
                });
                redisAnswered();
                return result;
            } catch (DataAccessException e) {
                if (ran.get()) {
                    throw e;
                }
                redisFailed(e);
            }
        }
        return fallback.withLeadLock(leadId, wait, action);
    }

    @Override
    public Optional<Duration> tryTakeChannelToken(String channelId, int permitsPerSecond) {
        if (useRedis()) {
            try {
                Optional<Duration> wait = redis.tryTakeChannelToken(channelId, permitsPerSecond);
                redisAnswered();
                return wait;
            } catch (DataAccessException e) {
                redisFailed(e);
            }
        }
        return fallback.tryTakeChannelToken(channelId, Math.max(1, permitsPerSecond / properties.expectedNodes()));
    }

    @Override
    public ChannelTurn takeChannelTurn(String channelId, int permitsPerSecond, Duration longestWait) {
        if (useRedis()) {
            try {
                ChannelTurn turn = redis.takeChannelTurn(channelId, permitsPerSecond, longestWait);
                redisAnswered();
                return turn;
            } catch (DataAccessException e) {
                redisFailed(e);
            }
        }
        return fallback.takeChannelTurn(channelId, Math.max(1, permitsPerSecond / properties.expectedNodes()),
                longestWait);
    }

    @Override
    public Optional<Duration> tryTakeRecipientToken(String channelId, String recipient, PairLimit limit) {
        if (useRedis()) {
            try {
                Optional<Duration> wait = redis.tryTakeRecipientToken(channelId, recipient, limit);
                redisAnswered();
                return wait;
            } catch (DataAccessException e) {
                redisFailed(e);
            }
        }
        return fallback.tryTakeRecipientToken(channelId, recipient, limit);
    }

    @Override
    public String backend() {
        return redisDownSince == null ? redis.backend() : fallback.backend();
    }

    /**
     * While degraded, asks Redis whether it is back (once per retry interval), so recovery shows even
     * when no send needs Redis.
     */
    @Override
    public void ping() {
        if (redisDownSince == null || !useRedis()) {
            return;
        }
        try {
            redis.ping();
            redisAnswered();
        } catch (DataAccessException e) {
            redisFailed(e);
        }
    }

    /** When Redis stopped answering, or null while it answers. */
    public Instant redisDownSince() {
        return redisDownSince;
    }

    public String lastError() {
        return lastError;
    }

    private boolean useRedis() {
        return redisDownSince == null || !Instant.now().isBefore(retryRedisAt);
    }

    private void redisFailed(RuntimeException e) {
        if (redisDownSince == null) {
            redisDownSince = Instant.now();
            log.error("Redis does not answer ({}): coordinating sends on this node only, at 1/{} of each "
                    + "channel's rate, until it does", e.getMessage(), properties.expectedNodes());
        }
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        retryRedisAt = Instant.now().plus(properties.retryRedisAfter());
    }

    private void redisAnswered() {
        Instant since = redisDownSince;
        if (since != null) {
            redisDownSince = null;
            log.warn("Redis answers again after {}: coordination is shared again", Duration.between(since, Instant.now()));
        }
    }
}
