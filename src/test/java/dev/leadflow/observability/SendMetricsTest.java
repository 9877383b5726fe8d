package dev.leadflow.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.leadflow.messaging.FailureKind;
import dev.leadflow.messaging.PermanentSendFailureException;
import dev.leadflow.messaging.RetryLaterException;
import dev.leadflow.messaging.SendFailedException;

class SendMetricsTest {

    @Test
    void namesRefusalsAndFindsTheirErrorCode() {
        RetryLaterException retry = new RetryLaterException("later",
                new SendFailedException(FailureKind.RETRYABLE, 131000, "something went wrong", null));

        assertThat(SendMetrics.outcomeOf(retry)).isEqualTo("retry");
        assertThat(SendMetrics.errorCodeOf(retry)).isEqualTo(131000);
        assertThat(SendMetrics.outcomeOf(new PermanentSendFailureException("no", 132001))).isEqualTo("failed");
        assertThat(SendMetrics.errorCodeOf(new PermanentSendFailureException("no", 132001))).isEqualTo(132001);
    }

    @Test
    void aRefusalOfANewerRuleIsNamedAfterItsClass() {
        assertThat(SendMetrics.outcomeOf(new SendDeferredException())).isEqualTo("send_deferred");
        assertThat(SendMetrics.errorCodeOf(new SendDeferredException())).isNull();
    }

    private static final class SendDeferredException extends RuntimeException {
    }
}
