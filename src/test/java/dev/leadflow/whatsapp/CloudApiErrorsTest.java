package dev.leadflow.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.leadflow.messaging.FailureKind;

/** whatsapp-cloud-api.md, "Errors": what the sender should do, per code. */
class CloudApiErrorsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0, CHANNEL_AUTH", "190, CHANNEL_AUTH", "10, PERMANENT", "200, PERMANENT", "299, PERMANENT",
            "4, RETRYABLE", "80007, RETRYABLE", "130429, RETRYABLE", "131056, RECIPIENT_PACED", "131048, RETRYABLE",
            "368, PERMANENT", "131047, REENGAGEMENT_REQUIRED", "131026, RECIPIENT_UNDELIVERABLE", "131049, MARKETING_LIMITED",
            "131050, MARKETING_STOPPED", "131051, PERMANENT", "132000, PERMANENT", "132001, PERMANENT",
            "132015, TEMPLATE_PAUSED", "132016, TEMPLATE_PAUSED", "133010, PERMANENT", "100, PERMANENT", "131000, RETRYABLE",
            "1, RETRYABLE", "131016, RETRYABLE", "2, RETRYABLE", "131057, RETRYABLE", "999999, RETRYABLE"})
    void classifiesByErrorCode(int code, FailureKind kind) {
        assertThat(CloudApiErrors.classify(code)).isEqualTo(kind);
    }
}
