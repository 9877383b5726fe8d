package dev.leadflow.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.leadflow.coordination.Coordination.PairLimit;
import dev.leadflow.support.PrivateRedis;

/** Two nodes sharing a real Redis; Redis stopped and started again under them. */
class RedisOutageTest {

    private PrivateRedis server;
    private LettuceConnectionFactory connections;
    private ResilientCoordination nodeA;
    private ResilientCoordination nodeB;

    @BeforeEach
    void twoNodesOnOneRedis() {
        server = PrivateRedis.start();
        RedisStandaloneConfiguration target = new RedisStandaloneConfiguration("127.0.0.1", server.port());
        connections = new LettuceConnectionFactory(target, LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofMillis(300)).build());
        connections.afterPropertiesSet();
        connections.start();
        StringRedisTemplate redis = new StringRedisTemplate(connections);
        CoordinationProperties properties = new CoordinationProperties("redis", 2, Duration.ofMillis(200), null);
        nodeA = new ResilientCoordination(new RedisCoordination(redis), properties);
        nodeB = new ResilientCoordination(new RedisCoordination(redis), properties);
    }

    @AfterEach
    void stop() {
        connections.destroy();
        server.close();
    }

    @Test
    void twoNodesShareOneChannelLimit() {
        AtomicInteger taken = new AtomicInteger();
        for (int i = 0; i < 30; i++) {
            if (nodeA.tryTakeChannelToken("channel-1", 20).isEmpty()) {
                taken.incrementAndGet();
            }
            if (nodeB.tryTakeChannelToken("channel-1", 20).isEmpty()) {
                taken.incrementAndGet();
            }
        }
        assertThat(taken.get()).isEqualTo(20);
    }

    @Test
    void twoNodesTakeTurnsSpacedByTheChannelsRate() {
        Duration longestWait = Duration.ofMillis(500);
        Duration first = nodeA.takeChannelTurn("channel-4", 20, longestWait).delay();
        Duration second = nodeB.takeChannelTurn("channel-4", 20, longestWait).delay();
        Duration third = nodeA.takeChannelTurn("channel-4", 20, longestWait).delay();

        // 1,050 ms / 20 = 52.5 ms apart; Redis' clock moves on between the calls
        assertThat(first).isZero();
        assertThat(second).isBetween(Duration.ofMillis(30), Duration.ofMillis(53));
        assertThat(third).isBetween(Duration.ofMillis(83), Duration.ofMillis(105));
    }

    @Test
    void aTurnFurtherAwayThanTheLongestWaitIsNotTaken() {
        for (int i = 0; i < 10; i++) {
            assertThat(nodeA.takeChannelTurn("channel-5", 20, Duration.ofMillis(500)).taken()).isTrue();
        }
        Coordination.ChannelTurn refused = nodeB.takeChannelTurn("channel-5", 20, Duration.ofMillis(100));
        Coordination.ChannelTurn again = nodeB.takeChannelTurn("channel-5", 20, Duration.ofMillis(100));

        assertThat(refused.taken()).isFalse();
        assertThat(refused.delay()).isBetween(Duration.ofMillis(400), Duration.ofMillis(526));
        assertThat(again.delay()).isLessThanOrEqualTo(refused.delay());
    }

    @Test
    void twoNodesShareOneLeadLock() {
        String held = nodeA.withLeadLock("lead-1", Duration.ofSeconds(1), () ->
                nodeB.withLeadLock("lead-1", Duration.ofMillis(100), () -> "both at once").orElse("B waited")).orElseThrow();

        assertThat(held).isEqualTo("B waited");
    }

    @Test
    void thePairLimitIsSharedToo() {
        PairLimit limit = new PairLimit(2, Duration.ofSeconds(6));
        assertThat(nodeA.tryTakeRecipientToken("ch", "+5511999990000", limit)).isEmpty();
        assertThat(nodeB.tryTakeRecipientToken("ch", "+5511999990000", limit)).isEmpty();
        assertThat(nodeA.tryTakeRecipientToken("ch", "+5511999990000", limit)).isPresent();
        assertThat(nodeB.tryTakeRecipientToken("ch", "+5511888880000", limit)).isEmpty();
    }

    @Test
    void whileRedisIsDownEachNodeSlowsToItsShareAndRecoversWhenItReturns() {
        CoordinationHealth health = new CoordinationHealth(nodeA);
        server.stop();

        int taken = 0;
        for (int i = 0; i < 50; i++) {
            if (nodeA.tryTakeChannelToken("channel-2", 20).isEmpty()) {
                taken++;
            }
        }
        assertThat(taken).isEqualTo(10);
        assertThat(health.health().getStatus()).isEqualTo(CoordinationHealth.DEGRADED);
        assertThat(nodeA.withLeadLock("lead-2", Duration.ofSeconds(1), () -> "sent on the fallback"))
                .contains("sent on the fallback");

        server.restart();

        await().atMost(Duration.ofSeconds(15)).until(() -> {
            nodeA.tryTakeChannelToken("channel-3", 1000);
            return health.health().getStatus().equals(Status.UP);
        });
        assertThat(nodeA.backend()).isEqualTo("redis");
    }
}
