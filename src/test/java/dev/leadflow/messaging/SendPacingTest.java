package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.leadflow.coordination.InMemoryCoordination;
import dev.leadflow.messaging.ChannelRouter.Route;

class SendPacingTest {

    private final SendPacing pacing = new SendPacing(new InMemoryCoordination(Clock.systemUTC()), Clock.systemUTC());

    @Test
    void aBurstOnOneChannelLeavesEvenlySpacedWithoutDeferringAnySend() {
        Route channel = new Route("100000000000001", "Main number", 100);
        List<Long> sentAt = new ArrayList<>();

        for (int i = 0; i < 20; i++) {
            assertThat(pacing.turnOf(channel, "+55119999900" + (10 + i))).isEmpty();
            sentAt.add(System.nanoTime());
        }

        // 1,050 ms / 100 = 10.5 ms between turns
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(Duration.ofNanos(sentAt.get(i) - sentAt.get(0)))
                    .isGreaterThanOrEqualTo(Duration.ofMillis((long) Math.floor(10.5 * i) - 1));
        }
    }

    @Test
    void aSlowChannelsSendWhoseTurnIsFartherThanTheLongestWaitIsDeferredToIt() {
        Route slow = new Route("100000000000002", "Slow number", 1);

        assertThat(pacing.turnOf(slow, "+5511999990001")).isEmpty();
        Optional<Deferral> second = pacing.turnOf(slow, "+5511999990002");

        assertThat(second).hasValueSatisfying(deferral -> {
            assertThat(deferral.reason()).startsWith("channel Slow number at its rate limit of 1/s; its turn in ");
            assertThat(deferral.until()).isAfter(java.time.Instant.now().plus(SendPacing.LONGEST_TURN_WAIT));
        });
    }

    @Test
    void thePairRateLimitDefersTheFourthMessageToOneRecipient() {
        Route channel = new Route("100000000000003", "Main number", 80);
        for (int i = 0; i < 3; i++) {
            assertThat(pacing.turnOf(channel, "+5511999990003")).isEmpty();
        }

        assertThat(pacing.turnOf(channel, "+5511999990003")).hasValueSatisfying(deferral ->
                assertThat(deferral.reason()).startsWith("pair rate limit"));
    }
}
