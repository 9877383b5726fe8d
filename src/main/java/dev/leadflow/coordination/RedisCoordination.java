package dev.leadflow.coordination;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Coordination shared by every node through Redis. Each operation is one atomic command or Lua script.
 */
public class RedisCoordination implements Coordination {

    private static final Logger log = LoggerFactory.getLogger(RedisCoordination.class);
    private static final Duration LOCK_LEASE = Duration.ofSeconds(30);
    private static final Duration LOCK_POLL = Duration.ofMillis(20);

    private static final RedisScript<Long> RELEASE_LOCK = RedisScript.of("""
            if redis.call('get', KEYS[1]) == ARGV[1] then
              return redis.call('del', KEYS[1])
            end
            return 0
            """, Long.class);

    /**
     * Token bucket: KEYS[1] hash {tokens, ts}; ARGV rate per second, capacity. Uses Redis' own clock so
     * nodes with skewed clocks share one bucket. Returns 0 when a token was taken, else microseconds to wait.
     */
    private static final RedisScript<Long> TAKE_TOKEN = RedisScript.of("""
            local rate = tonumber(ARGV[1])
            local capacity = tonumber(ARGV[2])
            local t = redis.call('time')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local state = redis.call('hmget', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil then tokens = capacity; ts = now end
            tokens = math.min(capacity, tokens + (now - ts) * rate / 1000000)
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
            else
              wait = math.ceil((1 - tokens) * 1000000 / rate)
            end
            redis.call('hset', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
            redis.call('pexpire', KEYS[1], 60000)
            return wait
            """, Long.class);

    private final StringRedisTemplate redis;

    public RedisCoordination(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public <T> Optional<T> withLeadLock(String leadId, Duration wait, Supplier<T> action) {
        String key = "leadflow:lock:lead:" + leadId;
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        while (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, token, LOCK_LEASE))) {
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(LOCK_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        try {
            return Optional.ofNullable(action.get());
        } finally {
            try {
                redis.execute(RELEASE_LOCK, List.of(key), token);
            } catch (RuntimeException e) {
                log.warn("Could not release the send lock of a lead; it expires in {}", LOCK_LEASE, e);
            }
        }
    }

    @Override
    public Optional<Duration> tryTakeChannelToken(String channelId, int permitsPerSecond) {
        Long waitMicros = redis.execute(TAKE_TOKEN, List.of("leadflow:bucket:channel:" + channelId),
                String.valueOf(permitsPerSecond), String.valueOf(permitsPerSecond));
        if (waitMicros == null || waitMicros == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(waitMicros * 1000));
    }

    @Override
    public String backend() {
        return "redis";
    }
}
