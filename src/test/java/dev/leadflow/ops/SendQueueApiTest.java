package dev.leadflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leadflow.flow.SendPriorities;
import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;
import io.micrometer.core.instrument.MeterRegistry;

/** The send queue's backpressure as the ops API and the metrics show it: depth and the oldest send's wait. */
class SendQueueApiTest extends LeadflowIntegrationTest {

    @Autowired
    private MeterRegistry metrics;

    @Test
    void welcomesWaitingForAThreadShowAsQueueDepthAndTheirWait() {
        double queuedBefore = metrics.get("leadflow.sends.queued").gauge().value();
        for (int i = 0; i < 3; i++) {
            assertThat(putLead(TestLeads.newLeadId(), TestLeads.leadJson(TestLeads.newPhone(), true))
                    .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        // no job executor runs in these tests: the welcomes stay queued while time passes
        Engine.setNow(TEST_START.plus(Duration.ofMinutes(10)));

        ResponseEntity<JsonNode> answer = api().getForEntity("/api/ops/send-queue", JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody().get("depth").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(Duration.parse(answer.getBody().get("oldestWait").asText())).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        JsonNode marketing = null;
        for (JsonNode lane : answer.getBody().get("lanes")) {
            if (lane.get("priority").asLong() == SendPriorities.MARKETING) {
                marketing = lane;
            }
        }
        assertThat(marketing).isNotNull();
        assertThat(marketing.get("depth").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(metrics.get("leadflow.sends.queued").gauge().value()).isGreaterThanOrEqualTo(queuedBefore + 3);
        assertThat(metrics.get("leadflow.sends.oldest.wait").gauge().value()).isGreaterThanOrEqualTo(600);
    }
}
