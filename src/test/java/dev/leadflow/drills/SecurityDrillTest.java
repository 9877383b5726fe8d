package dev.leadflow.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * Every endpoint but Meta's webhook, the health probe and the login page refuses anonymous access; the
 * webhook refuses unsigned bodies; secrets never reach logs or answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityDrillTest extends LeadflowIntegrationTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/leads/any", "PUT, /api/leads/any", "POST, /api/leads/any/events",
            "GET, /api/leads/any/timeline", "GET, /api/leads/any/flows", "GET, /api/meetings/any/flows",
            "GET, /api/leads/any/messages", "DELETE, /api/leads/any",
            "GET, /engine-rest/process-definition", "GET, /engine-rest/process-instance",
            "POST, /engine-rest/message", "GET, /engine-rest/engine",
            "GET, /actuator/prometheus", "GET, /actuator/metrics", "GET, /actuator/info",
            "GET, /sandbox", "GET, /sandbox/api/messages", "POST, /sandbox/api/faults", "POST, /sandbox/api/replies",
            "GET, /anything/else"})
    void anonymousCallsAreRefused(String method, String path) {
        ResponseEntity<String> answer = http.exchange(path, HttpMethod.valueOf(method), jsonBody("{}"), String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void camundasOwnApiNeedsACamundaLogin() {
        ResponseEntity<String> answer = http.getForEntity("/camunda/api/engine/engine/default/process-definition",
                String.class);

        assertThat(answer.getStatusCode().value()).isIn(401, 403);
    }

    @Test
    void theLoginPageTheHealthProbeAndTheWebhookHandshakeAreOpen() {
        assertThat(http.getForEntity("/camunda/app/welcome/default/", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=sandbox-verify-token"
                + "&hub.challenge=42", String.class).getBody()).isEqualTo("42");
    }

    @Test
    void theWebhookRefusesUnsignedBodies() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> answer = http.postForEntity("/webhooks/whatsapp",
                new HttpEntity<>("{\"object\":\"whatsapp_business_account\",\"entry\":[]}"
                        .getBytes(StandardCharsets.UTF_8), headers), String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void secretsAndFullPhoneNumbersNeverReachTheLogsOrTheAnswers(CapturedOutput output) {
        String leadId = TestLeads.newLeadId();
        String phone = TestLeads.newPhone();
        putLead(leadId, TestLeads.leadJson(phone, true));
        cloudApi.failNextSends(131000, 1);
        engine.runDueJobs(leadId);
        engine.timePasses(leadId, java.time.Duration.ofMinutes(2));
        ResponseEntity<String> wrongPassword = http.withBasicAuth("demo", "sandbox-access-token")
                .getForEntity("/api/leads/" + leadId, String.class);
        ResponseEntity<String> timeline = api().getForEntity("/api/leads/" + leadId + "/timeline", String.class);

        assertThat(cloudApi.received(phone)).hasSize(1);
        for (String secret : new String[] {"sandbox-access-token", "sandbox-app-secret", "Bearer "}) {
            assertThat(output.getAll()).as("logs").doesNotContain(secret);
            assertThat(timeline.getBody()).doesNotContain(secret);
            assertThat(wrongPassword.getBody()).doesNotContain(secret);
        }
        assertThat(output.getAll()).as("logs").doesNotContain(phone).doesNotContain(phone.substring(1));
    }
}
