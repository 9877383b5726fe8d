package dev.leadflow.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.leadflow.pipedrive.sandbox.SandboxPipedrive;
import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * Pipedrive's webhooks (v2), with payloads shaped as in Pipedrive's documentation and authenticated as
 * Pipedrive does (HTTP Basic on the webhook URL), reach leads and flows; what then happens to the lead is
 * written back to the person as notes.
 */
class PipedriveAdapterTest extends LeadflowIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    private SandboxPipedrive pipedrive;

    private final String personId = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 2_000_000_000));
    private final String phone = TestLeads.newPhone();
    private final String leadId = "pipedrive-" + personId;

    @Test
    void aPersonAddedInPipedriveIsWelcomedAndThePersonHearsBack() {
        ResponseEntity<String> answer = post(person());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("lead created: " + leadId);
        assertThat(api().getForObject("/api/leads/" + leadId, String.class)).contains("\"name\":\"Ana Souza\"")
                .contains("\"phone\":\"" + phone + "\"");
        engine.runDueJobs(leadId);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        await().atMost(PATIENCE).until(() -> pipedrive.notesOf(personId).stream()
                .anyMatch(note -> note.content().contains("WhatsApp message delivered (leadflow_welcome")));
    }

    @Test
    void aDealWonInPipedriveReachesThePersonsLeadOnce() {
        post(person());
        String deal = fixture("deal-won.json").replace("\"person_id\": 3", "\"person_id\": " + personId)
                .replace("7b1e4c2a-0d3f-4e8a-9b6c-1a2d3e4f5a6b", UUID.randomUUID().toString());

        assertThat(post(deal).getBody()).contains("DEAL_WON for person " + personId);
        assertThat(post(deal).getBody()).as("Pipedrive delivering it again")
                .contains("DEAL_WON already applied for person " + personId);
        assertThat(api().getForObject("/api/leads/" + leadId + "/timeline", String.class))
                .contains("DEAL_WON, status won");
    }

    @Test
    void aMeetingActivityStartsTheMeetingsFlows() {
        post(person());
        String activityId = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 2_000_000_000));
        String meeting = fixture("activity-meeting-create.json")
                .replace("\"person_id\": 3", "\"person_id\": " + personId)
                .replace("\"id\": 8,", "\"id\": " + activityId + ",")
                .replace("c4a9e2f1-6b3d-4d8e-8f7a-5e1b2c3d4e5f", UUID.randomUUID().toString());

        assertThat(post(meeting).getBody()).contains("MEETING_BOOKED for person " + personId);
        assertThat(api().getForObject("/api/meetings/pipedrive-activity-" + activityId + "/flows", String.class))
                .contains("\"flow\":\"meetingBooking\"").contains("\"state\":\"RUNNING\"")
                .contains("\"leadId\":\"" + leadId + "\"");
    }

    @Test
    void withoutTheWebhooksLoginNothingIsWritten() {
        assertThat(http.postForEntity("/webhooks/pipedrive", jsonBody(person()), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("demo", "wrong").postForEntity("/webhooks/pipedrive", jsonBody(person()),
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api().getForEntity("/api/leads/" + leadId, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aPayloadThatIsNotAV2WebhookIsRefusedNamingTheFieldAndNothingIsWritten() {
        ResponseEntity<String> v1 = post(fixture("person-updated-v1.json").replace("\"id\": 3", "\"id\": " + personId));
        assertThat(v1.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(v1.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(v1.getBody()).contains("meta.version");

        ResponseEntity<String> noEntityId = post(person().replace("\"entity_id\": \"" + personId + "\",", ""));
        assertThat(noEntityId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noEntityId.getBody()).contains("meta.entity_id");
        assertThat(post("[1, 2]").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api().getForEntity("/api/leads/" + leadId, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void pipedrivesRateLimitAnswerHoldsTheNotesUntilItsRetryAfter() {
        post(person());
        pipedrive.throttleNext(1, 1);

        engine.runDueJobs(leadId);

        await().atMost(PATIENCE).until(() -> api().getForObject("/api/subscriptions/crm:pipedrive", String.class)
                .contains("HTTP 429"));
        Engine.setNow(Engine.now().plusSeconds(5));
        await().atMost(PATIENCE).until(() -> !pipedrive.notesOf(personId).isEmpty());
        // healthy again before the next test sets the clock back
        await().atMost(PATIENCE).until(() -> api().getForObject("/api/subscriptions/crm:pipedrive", String.class)
                .contains("\"failing\":false"));
    }

    private String person() {
        return fixture("person-create.json")
                .replace("\"id\": 3,", "\"id\": " + personId + ",")
                .replace("\"entity_id\": \"3\"", "\"entity_id\": \"" + personId + "\"")
                .replace("+55 11 91234-5678", phone)
                .replace("5f2d8e1a-9c3b-4b7e-a1d6-2f8c0e9b7a41", UUID.randomUUID().toString());
    }

    private ResponseEntity<String> post(String body) {
        return api().postForEntity("/webhooks/pipedrive", jsonBody(body), String.class);
    }

    private static String fixture(String name) {
        try (InputStream in = PipedriveAdapterTest.class.getResourceAsStream("/crm/pipedrive/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
