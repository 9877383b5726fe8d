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
 * Coordination shared by every node through Redis. Each operation is one atomic command or Lua script
 * and uses Redis' own clock, so nodes with skewed clocks still share one limit.
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
     * Sliding window: KEYS[1] a sorted set of send times (microseconds); ARGV[1] the limit per window,
     * ARGV[2] a unique member, ARGV[3] the window in microseconds. Returns 0 when a slot was taken, else
     * microseconds until one frees.
     */
    private static final RedisScript<Long> TAKE_WINDOW_SLOT = RedisScript.of("""
            local t = redis.call('time')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local limit = tonumber(ARGV[1])
            local window = tonumber(ARGV[3])
            redis.call('zremrangebyscore', KEYS[1], '-inf', now - window)
            if redis.call('zcard', KEYS[1]) < limit then
              redis.call('zadd', KEYS[1], now, ARGV[2])
              redis.call('pexpire', KEYS[1], math.ceil(window / 1000) + 1000)
              return 0
            end
            local oldest = redis.call('zrange', KEYS[1], 0, 0, 'WITHSCORES')
            return math.max(1, tonumber(oldest[2]) + window - now + 1)
            """, Long.class);

    /**
     * Virtual scheduling: KEYS[1] the channel's next free turn (microseconds, Redis time); ARGV[1] microseconds
     * between turns, ARGV[2] the longest wait the caller accepts. Returns the microseconds until the turn taken,
     * or, when the next turn is further away than that, minus the microseconds until it (nothing taken).
     */
    private static final RedisScript<Long> TAKE_TURN = RedisScript.of("""
            local t = redis.call('time')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local turn = tonumber(redis.call('get', KEYS[1]))
            if turn == nil or turn < now then turn = now end
            local wait = turn - now
            if wait > tonumber(ARGV[2]) then return -wait end
            redis.call('set', KEYS[1], tostring(turn + interval), 'PX', math.ceil((wait + interval) / 1000) + 1000)
            return wait
            """, Long.class);

    /**
     * Token bucket: KEYS[1] a hash {tokens, ts}; ARGV[1] burst, ARGV[2] microseconds per token.
     * Returns 0 when a token was taken, else microseconds until the next one.
     */
    private static final RedisScript<Long> TAKE_TOKEN = RedisScript.of("""
            local burst = tonumber(ARGV[1])
            local interval = tonumber(ARGV[2])
            local t = redis.call('time')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local state = redis.call('hmget', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil then tokens = burst; ts = now end
            tokens = math.min(burst, tokens + (now - ts) / interval)
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
            else
              wait = math.ceil((1 - tokens) * interval)
            end
            redis.call('hset', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
            redis.call('pexpire', KEYS[1], math.ceil(burst * interval / 1000) + 1000)
            return wait
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Duration channelWindow;

    public RedisCoordination(StringRedisTemplate redis) {
        this(redis, CHANNEL_WINDOW);
    }

    public RedisCoordination(StringRedisTemplate redis, Duration channelWindow) {
        this.redis = redis;
        this.channelWindow = channelWindow;
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
        Long waitMicros = redis.execute(TAKE_WINDOW_SLOT, List.of("leadflow:window:channel:" + channelId),
                String.valueOf(permitsPerSecond), UUID.randomUUID().toString(),
                String.valueOf(channelWindow.toNanos() / 1000));
        return toWait(waitMicros);
    }

    @Override
    public ChannelTurn takeChannelTurn(String channelId, int permitsPerSecond, Duration longestWait) {
        long interval = channelWindow.toNanos() / 1000 / Math.max(1, permitsPerSecond);
        Long answer = redis.execute(TAKE_TURN, List.of("leadflow:turns:channel:" + channelId),
                String.valueOf(interval), String.valueOf(longestWait.toNanos() / 1000));
        long micros = answer == null ? 0 : answer;
        return micros >= 0 ? ChannelTurn.taken(Duration.ofNanos(micros * 1000))
                : ChannelTurn.spokenForDuring(Duration.ofNanos(-micros * 1000));
    }

    @Override
    public Optional<Duration> tryTakeRecipientToken(String channelId, String recipient, PairLimit limit) {
        Long waitMicros = redis.execute(TAKE_TOKEN, List.of("leadflow:bucket:pair:" + channelId + ":" + recipient),
                String.valueOf(limit.burst()), String.valueOf(limit.interval().toNanos() / 1000));
        return toWait(waitMicros);
    }

    @Override
    public void ping() {
        redis.execute((org.springframework.data.redis.core.RedisCallback<String>) connection -> connection.ping());
    }

    @Override
    public String backend() {
        return "redis";
    }

    private static Optional<Duration> toWait(Long waitMicros) {
        if (waitMicros == null || waitMicros == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(waitMicros * 1000));
    }
}
