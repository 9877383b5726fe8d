package dev.leadflow.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/** Metrics on /actuator/prometheus, health on /actuator/health, and what the logs say. */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends LeadflowIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void sendsAreCountedByFlowStepTemplateOutcomeAndErrorCode() {
        putLead(leadId, TestLeads.leadJson(phone, true));
        cloudApi.failNextSends(131000, 1);
        engine.runDueJobs(leadId);
        engine.timePasses(leadId, Duration.ofMinutes(1));

        String metrics = prometheus();

        assertThat(metrics).containsPattern("leadflow_sends_total\\{error_code=\"131000\",flow=\"welcome\","
                + "outcome=\"retry\",step=\"welcome\",template=\"welcome\"} [1-9]");
        assertThat(metrics).containsPattern("leadflow_sends_total\\{error_code=\"none\",flow=\"welcome\","
                + "outcome=\"sent\",step=\"welcome\",template=\"welcome\"} [1-9]");
        assertThat(metrics).containsPattern("leadflow_cloudapi_requests_seconds_count\\{channel=\"[0-9]+\","
                + "error_code=\"131000\",outcome=\"retryable\"} [1-9]");
        assertThat(metrics).containsPattern("leadflow_cloudapi_requests_seconds_bucket\\{channel=\"[0-9]+\","
                + "error_code=\"none\",outcome=\"accepted\",le=");
        assertThat(metrics).contains("leadflow_jobs_due ", "leadflow_jobs_failed ", "leadflow_incidents_open ");
    }

    @Test
    void statusesAndTheirWebhookLagAreMeasured() {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus())
                .containsPattern("leadflow_message_statuses_total\\{error_code=\"none\",flow=\"welcome\","
                        + "status=\"delivered\",step=\"welcome\",template=\"welcome\"} [1-9]")
                .contains("leadflow_webhook_lag_seconds_count{status=\"delivered\"}"));
    }

    @Test
    void metricsNeedCredentials() {
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void healthShowsTheDatabaseAndEachChannelToAnAuthenticatedCaller() throws Exception {
        ResponseEntity<String> response = api().getForEntity("/actuator/health", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode components = JSON.readTree(response.getBody()).path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("channels").path("components").path("100000000000001").path("status").asText())
                .isEqualTo("UP");
        assertThat(JSON.readTree(http.getForEntity("/actuator/health", String.class).getBody()).has("components"))
                .isFalse();
    }

    @Test
    void logLinesOfAJobAndOfAnApiRequestCarryTheLeadId(CapturedOutput output) {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);

        assertThat(output.getOut()).containsPattern("lead=" + leadId + " Lead " + leadId + " created")
                .containsPattern("lead=" + leadId + " Send welcome/welcome \\(welcome\\): SENT");
    }

    @Test
    void phoneNumbersAreMaskedInEveryLogLine(CapturedOutput output) {
        LoggerFactory.getLogger("dev.leadflow.test").info("A message for {} arrived", phone);

        assertThat(output.getOut()).contains("A message for " + phone.substring(0, 3) + "*****"
                + phone.substring(phone.length() - 2) + " arrived").doesNotContain(phone);
    }

    private String prometheus() {
        ResponseEntity<String> response = api().getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }
}
