package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

class RescheduleJobExceptionTest {

    @Test
    void theJobLogMessageCarriesTheMomentAndTheReason() {
        RescheduleJobException deferral = new RescheduleJobException(Instant.parse("2026-03-05T00:00:00Z"),
                "quiet hours until 09:00 Asia/Tokyo on 2026-03-05: see: details");

        assertThat(RescheduleJobException.parse(deferral.getMessage())).contains(new RescheduleJobException.Deferred(
                Instant.parse("2026-03-05T00:00:00Z"), "quiet hours until 09:00 Asia/Tokyo on 2026-03-05: see: details"));
        assertThat(RescheduleJobException.parse("the Cloud API refused the message for now (131000)")).isEmpty();
        assertThat(RescheduleJobException.parse(null)).isEmpty();
    }

    @Test
    void itIsFoundAmongTheCauses() {
        RescheduleJobException deferral = new RescheduleJobException(Instant.EPOCH, "why");

        assertThat(RescheduleJobException.in(new ProcessEngineException("wrapped", deferral))).contains(deferral);
        assertThat(RescheduleJobException.in(new IllegalStateException("other"))).isEmpty();
    }
}
