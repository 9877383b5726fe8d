package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * docs/api.md's request to correlate a BPMN message through Camunda's REST API, sent as written there: it
 * ends the flows of the meeting it names and no other meeting's.
 */
class CorrelationExampleTest extends FlowScenarioTest {

    private final String meetingId = "mtg-" + leadId;
    private final String otherMeetingId = "mtg-" + leadId + "-2";
    private final Instant startsAt = START.plus(Duration.ofDays(3));

    @Test
    void theDocumentedRequestCancelsTheNamedMeetingOnly() throws IOException {
        consentedLeadWithoutWelcome();
        meetingEvent("MEETING_BOOKED", meetingId, startsAt);
        meetingEvent("MEETING_BOOKED", otherMeetingId, startsAt.plus(Duration.ofDays(7)));
        runDueJobs();
        ProcessInstance cancelled = meetingFlowOf(MeetingBookingFlow.PROCESS_KEY, meetingId);
        ProcessInstance other = meetingFlowOf(MeetingBookingFlow.PROCESS_KEY, otherMeetingId);

        String body = documentedRequest().replace("lead-123", leadId).replace("mtg-1", meetingId);
        ResponseEntity<String> answer = api().postForEntity("/engine-rest/message", jsonBody(body), String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(cancelled).isEnded();
        assertThat(other).isNotEnded();
    }

    /** The JSON block that follows the "CorrelationExampleTest" comment in docs/api.md. */
    private static String documentedRequest() throws IOException {
        Matcher block = Pattern.compile("CorrelationExampleTest -->\\s*```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("docs/api.md")));
        assertThat(block.find()).as("the example in docs/api.md").isTrue();
        return block.group(1);
    }
}
