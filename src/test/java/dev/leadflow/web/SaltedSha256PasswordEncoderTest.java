package dev.leadflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SaltedSha256PasswordEncoderTest {

    private final SaltedSha256PasswordEncoder encoder = new SaltedSha256PasswordEncoder();

    @Test
    void matchesOnlyTheSamePassword() {
        String encoded = encoder.encode("s3cret");

        assertThat(encoder.matches("s3cret", encoded)).isTrue();
        assertThat(encoder.matches("s3cret ", encoded)).isFalse();
        assertThat(encoder.matches("", encoded)).isFalse();
        assertThat(encoder.matches("s3cret", "not hex")).isFalse();
        assertThat(encoder.matches(null, encoded)).isFalse();
    }

    @Test
    void theStoredFormNeverShowsThePasswordAndDiffersPerProcess() {
        assertThat(encoder.encode("s3cret")).doesNotContain("s3cret");
        assertThat(new SaltedSha256PasswordEncoder().encode("s3cret")).isNotEqualTo(encoder.encode("s3cret"));
    }
}
