package dev.leadflow.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring Security's delegating encoder over the two forms a configured password takes: plain text, kept
 * in memory only as a salted SHA-256 ({@code {sha256}}), and a {@code {bcrypt}} hash. BCrypt costs tens of
 * milliseconds per check, and HTTP Basic checks on every request: once a password matched its hash, the
 * match is remembered as a salted SHA-256, so only the first request of a login (and every wrong one) pays.
 */
final class LoginPasswords {

    private LoginPasswords() {
    }

    static PasswordEncoder encoder() {
        SaltedSha256PasswordEncoder sha256 = new SaltedSha256PasswordEncoder();
        return new DelegatingPasswordEncoder("sha256", Map.of(
                "sha256", sha256,
                "bcrypt", new RememberingBcrypt(sha256)));
    }

    /** The form kept in memory: a bcrypt hash as configured, plain text hashed. */
    static String stored(PasswordEncoder encoder, String configured) {
        return configured.startsWith("{bcrypt}") ? configured : encoder.encode(configured);
    }

    private static final class RememberingBcrypt implements PasswordEncoder {

        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        private final SaltedSha256PasswordEncoder sha256;
        /** bcrypt hash -> salted SHA-256 of the password that matched it */
        private final Map<String, String> matched = new ConcurrentHashMap<>();

        RememberingBcrypt(SaltedSha256PasswordEncoder sha256) {
            this.sha256 = sha256;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String hash) {
            if (rawPassword == null || hash == null) {
                return false;
            }
            String known = matched.get(hash);
            if (known != null && sha256.matches(rawPassword, known)) {
                return true;
            }
            if (!bcrypt.matches(rawPassword, hash)) {
                return false;
            }
            matched.put(hash, sha256.encode(rawPassword));
            return true;
        }
    }
}
