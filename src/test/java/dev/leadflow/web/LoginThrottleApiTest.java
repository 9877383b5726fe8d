package dev.leadflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.leadflow.support.LeadflowIntegrationTest;

/** Guessing a password over HTTP Basic: after five misses the user name waits (429, Retry-After). */
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleApiTest extends LeadflowIntegrationTest {

    @Test
    void afterFiveWrongPasswordsTheUserMustWaitAndTheAttemptsAreLoggedWithoutThePassword(CapturedOutput output) {
        String user = "guess-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            assertThat(http.withBasicAuth(user, "guess-number-" + i).getForEntity("/api/leads/any", String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        ResponseEntity<String> sixth = http.withBasicAuth(user, "guess-number-5").getForEntity("/api/leads/any",
                String.class);

        assertThat(sixth.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(sixth.getHeaders().getFirst("Retry-After")).isEqualTo("30");
        assertThat(sixth.getBody()).contains("Too many failed logins");
        assertThat(output.getAll()).contains("HTTP Basic login failed for user '" + user + "'")
                .doesNotContain("guess-number-");
        assertThat(api().getForEntity("/api/leads/any", String.class).getStatusCode())
                .as("other users are not held").isEqualTo(HttpStatus.NOT_FOUND);
    }
}
