package dev.leadflow.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import dev.leadflow.access.AccessProperties;

/**
 * Slows guessing of HTTP Basic passwords: after a number of failed logins in a row, the user name, or the
 * client address, must wait before its next try, a wait that doubles with each further failure up to a
 * limit. A successful login clears both counts. Counted per node, in memory. Failures are logged with the
 * user name and the address, never the password.
 */
class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    /** Bounds the memory a spray of made-up user names can take. */
    private static final int MAX_TRACKED = 10_000;

    private final AccessProperties.LoginThrottle settings;
    private final Clock clock;
    private final Map<String, Failures> users = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    LoginThrottle(AccessProperties.LoginThrottle settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long this user name or address must still wait, if either must. */
    Optional<Duration> waitFor(String username, String address) {
        Instant now = clock.instant();
        Duration wait = longer(remaining(users.get(username), now), remaining(addresses.get(address), now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        forgetExpired(now);
        Failures user = users.compute(username, (key, old) -> next(old, settings.maxFailuresPerUser(), now));
        Failures from = addresses.compute(address, (key, old) -> next(old, settings.maxFailuresPerAddress(), now));
        LOG.warn("HTTP Basic login failed for user '{}' from {} ({} in a row for the user, {} from the address){}",
                username, address, user.count, from.count,
                user.lockedUntil.isAfter(now) || from.lockedUntil.isAfter(now) ? "; further tries must wait" : "");
    }

    void succeeded(String username, String address) {
        users.remove(username);
        addresses.remove(address);
    }

    @EventListener
    void loginFailed(AuthenticationFailureBadCredentialsEvent event) {
        Authentication attempt = event.getAuthentication();
        failed(String.valueOf(attempt.getName()), address(attempt));
    }

    @EventListener
    void loginSucceeded(AuthenticationSuccessEvent event) {
        Authentication login = event.getAuthentication();
        succeeded(login.getName(), address(login));
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
    }

    private Failures next(Failures old, int allowed, Instant now) {
        int count = old == null ? 1 : old.count + 1;
        if (count < allowed) {
            return new Failures(count, Instant.MIN, now);
        }
        int doublings = Math.min(count - allowed, 20);
        Duration wait = settings.lockout().multipliedBy(1L << doublings);
        if (wait.compareTo(settings.maxLockout()) > 0) {
            wait = settings.maxLockout();
        }
        return new Failures(count, now.plus(wait), now);
    }

    private void forgetExpired(Instant now) {
        if (users.size() + addresses.size() < MAX_TRACKED) {
            return;
        }
        Instant stale = now.minus(settings.maxLockout());
        users.values().removeIf(failures -> failures.lastAt.isBefore(stale) && !failures.lockedUntil.isAfter(now));
        addresses.values().removeIf(failures -> failures.lastAt.isBefore(stale) && !failures.lockedUntil.isAfter(now));
    }

    private static Duration remaining(Failures failures, Instant now) {
        return failures == null || !failures.lockedUntil.isAfter(now) ? Duration.ZERO
                : Duration.between(now, failures.lockedUntil);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private record Failures(int count, Instant lockedUntil, Instant lastAt) {
    }
}
