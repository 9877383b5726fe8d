package dev.leadflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.leadflow.access.AccessProperties;

/** Failed logins make the user name, or the client address, wait; the wait doubles; a success clears it. */
class LoginThrottleTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-04T15:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(
            new AccessProperties.LoginThrottle(3, 5, Duration.ofSeconds(30), Duration.ofMinutes(2)), new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            });

    @Test
    void aUserWaitsAfterTooManyFailuresAndEachFurtherFailureDoublesTheWait() {
        fail("ana", "10.0.0.1", 2);
        assertThat(throttle.waitFor("ana", "10.0.0.1")).isEmpty();

        fail("ana", "10.0.0.2", 1);
        assertThat(throttle.waitFor("ana", "10.0.0.9")).contains(Duration.ofSeconds(30));

        fail("ana", "10.0.0.3", 1);
        assertThat(throttle.waitFor("ana", "10.0.0.9")).contains(Duration.ofSeconds(60));

        fail("ana", "10.0.0.3", 5);
        assertThat(throttle.waitFor("ana", "10.0.0.9")).as("at most max-lockout").contains(Duration.ofMinutes(2));
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(throttle.waitFor("ana", "10.0.0.9")).isEmpty();
    }

    @Test
    void anAddressTryingManyUserNamesWaits() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.7");
        }

        assertThat(throttle.waitFor("someone-else", "10.0.0.7")).contains(Duration.ofSeconds(30));
        assertThat(throttle.waitFor("someone-else", "10.0.0.8")).isEmpty();
    }

    @Test
    void aSuccessfulLoginClearsTheCount() {
        fail("bia", "10.0.0.1", 2);
        throttle.succeeded("bia", "10.0.0.1");
        fail("bia", "10.0.0.1", 2);

        assertThat(throttle.waitFor("bia", "10.0.0.1")).isEmpty();
    }

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }
}
