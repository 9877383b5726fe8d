package dev.leadflow.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.leadflow.coordination.Coordination.PairLimit;

class InMemoryCoordinationTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void aChannelNeverTakesMoreThanItsLimitInAnyWindow() {
        InMemoryCoordination.SlidingWindow window = new InMemoryCoordination.SlidingWindow();
        int taken = 0;
        for (int i = 0; i < 10; i++) {
            if (window.tryTake(0, 5).isEmpty()) {
                taken++;
            }
        }
        assertThat(taken).isEqualTo(5);
        assertThat(window.tryTake(1049 * MS, 5)).hasValueSatisfying(wait -> assertThat(wait).isPositive()
                .isLessThanOrEqualTo(Duration.ofMillis(2)));
        assertThat(window.tryTake(1050 * MS, 5)).isEmpty();
    }

    @Test
    void theWaitNamesWhenTheOldestSendLeavesTheWindow() {
        InMemoryCoordination.SlidingWindow window = new InMemoryCoordination.SlidingWindow();
        window.tryTake(100 * MS, 1);

        assertThat(window.tryTake(400 * MS, 1)).hasValueSatisfying(wait ->
                assertThat(wait.toMillis()).isBetween(749L, 751L));
    }

    @Test
    void aChannelsTurnsAreTheWindowsShareOfOneSendApart() {
        InMemoryCoordination.Turns turns = new InMemoryCoordination.Turns();
        Duration longestWait = Duration.ofMillis(500);

        assertThat(turns.take(0, 80, longestWait)).isEqualTo(Coordination.ChannelTurn.taken(Duration.ZERO));
        assertThat(turns.take(0, 80, longestWait).delay()).hasNanos(13_125_000);
        assertThat(turns.take(5 * MS, 80, longestWait).delay()).hasNanos(21_250_000);
        assertThat(turns.take(100 * MS, 80, longestWait)).isEqualTo(Coordination.ChannelTurn.taken(Duration.ZERO));
    }

    @Test
    void aTurnBeyondTheLongestWaitIsNotTakenAndSaysWhenTheTakenOnesRunOut() {
        InMemoryCoordination.Turns turns = new InMemoryCoordination.Turns();
        for (int i = 0; i < 4; i++) {
            assertThat(turns.take(0, 10, Duration.ofMillis(500)).taken()).isTrue();
        }

        assertThat(turns.take(0, 10, Duration.ofMillis(300))).isEqualTo(
                Coordination.ChannelTurn.spokenForDuring(Duration.ofMillis(420)));
        assertThat(turns.take(0, 10, Duration.ofMillis(500))).isEqualTo(
                Coordination.ChannelTurn.taken(Duration.ofMillis(420)));
    }

    @Test
    void thePairLimitAllowsABurstThenOneMessagePerInterval() {
        InMemoryCoordination.TokenBucket bucket = new InMemoryCoordination.TokenBucket();
        PairLimit limit = new PairLimit(3, Duration.ofSeconds(6));

        assertThat(bucket.tryTake(0, limit)).isEmpty();
        assertThat(bucket.tryTake(0, limit)).isEmpty();
        assertThat(bucket.tryTake(0, limit)).isEmpty();
        assertThat(bucket.tryTake(0, limit)).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofMillis(5999), Duration.ofMillis(6001)));
        assertThat(bucket.tryTake(6000 * MS, limit)).isEmpty();
        assertThat(bucket.tryTake(6001 * MS, limit)).isPresent();
    }

    @Test
    void aLeadsLockIsHeldByOneSendAtATime() throws Exception {
        InMemoryCoordination coordination = new InMemoryCoordination(java.time.Clock.systemUTC());
        Thread holder = new Thread(() -> coordination.withLeadLock("lead-1", Duration.ofSeconds(1), () -> {
            assertThat(coordination.withLeadLock("lead-2", Duration.ZERO, () -> "other lead")).contains("other lead");
            return "held";
        }));
        holder.start();
        holder.join();

        assertThat(coordination.withLeadLock("lead-1", Duration.ZERO, () -> "free again")).contains("free again");
    }
}
