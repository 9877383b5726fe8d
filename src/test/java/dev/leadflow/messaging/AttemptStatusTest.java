package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttemptStatusTest {

    @ParameterizedTest(name = "{1} after {0}: moves forward = {2}")
    @CsvSource({
            "PENDING, SENT, true", "ACCEPTED, SENT, true", "SENT, DELIVERED, true", "DELIVERED, READ, true",
            "SENT, READ, true", "READ, DELIVERED, false", "READ, SENT, false", "DELIVERED, SENT, false",
            "READ, READ, false", "SENT, FAILED, true", "FAILED, DELIVERED, false"})
    void statusesOnlyMoveForward(AttemptStatus current, AttemptStatus reported, boolean forward) {
        assertThat(reported.isAfter(current)).isEqualTo(forward);
    }

    @ParameterizedTest
    @CsvSource({"PENDING, false", "REJECTED, false", "ACCEPTED, true", "READ, true", "FAILED, false"})
    void onlyAcceptedMessagesAreNeverSentAgain(AttemptStatus status, boolean accepted) {
        assertThat(status.accepted()).isEqualTo(accepted);
    }
}
