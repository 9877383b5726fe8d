package dev.leadflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A configured password in plain text or as a bcrypt hash (Spring's $2a$ or htpasswd's $2y$) is checked. */
class LoginPasswordsTest {

    private static final String SPRING_HASH = "{bcrypt}$2a$10$loDAAhoAqpfbzM9hONJTpOoBUmxCkNs8x7gWC2sZMn88NilRH9ikG";

    private final PasswordEncoder encoder = LoginPasswords.encoder();

    @Test
    void aPlainPasswordIsKeptHashedAndChecked() {
        String stored = LoginPasswords.stored(encoder, "s3cret");

        assertThat(stored).startsWith("{sha256}").doesNotContain("s3cret");
        assertThat(encoder.matches("s3cret", stored)).isTrue();
        assertThat(encoder.matches("s3cret!", stored)).isFalse();
    }

    @Test
    void aBcryptHashIsCheckedAndARightPasswordIsRememberedOnly() {
        String stored = LoginPasswords.stored(encoder, SPRING_HASH);

        assertThat(stored).isEqualTo(SPRING_HASH);
        assertThat(encoder.matches("test-sales-secret", stored)).isTrue();
        assertThat(encoder.matches("test-sales-secret", stored)).as("remembered").isTrue();
        assertThat(encoder.matches("wrong", stored)).isFalse();
    }

    @Test
    void htpasswdsHashesAreAccepted() {
        String htpasswd = SPRING_HASH.replace("$2a$", "$2y$");

        assertThat(encoder.matches("test-sales-secret", htpasswd)).isTrue();
    }
}
