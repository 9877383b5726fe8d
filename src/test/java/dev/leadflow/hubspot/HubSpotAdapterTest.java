package dev.leadflow.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.leadflow.hubspot.sandbox.SandboxHubSpot;
import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * HubSpot's webhooks, with payloads shaped as in HubSpot's documentation and signed as HubSpot signs them
 * (v3), reach leads and flows; what then happens to the lead is written back to the contact as notes.
 */
class HubSpotAdapterTest extends LeadflowIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String CLIENT_SECRET = "sandbox-hubspot-client-secret";

    @LocalServerPort
    private int port;
    @Autowired
    private SandboxHubSpot hubSpot;

    private final String contactId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L));
    private final String phone = TestLeads.newPhone();

    @Test
    void aContactCreatedInHubSpotIsWelcomedAndTheContactHearsBack() {
        hubSpot.putContact(contactId, contact(phone, "true"));

        ResponseEntity<String> answer = postSigned(fixture("contact-creation.json").replace("1246978", contactId));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("lead created: hubspot-" + contactId)
                .contains("skipped: contact 1246965 no longer exists");
        String leadId = "hubspot-" + contactId;
        assertThat(api().getForObject("/api/leads/" + leadId, String.class))
                .contains("\"name\":\"Ana Souza\"").contains("\"phone\":\"" + phone + "\"");
        engine.runDueJobs(leadId);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        await().atMost(PATIENCE).until(() -> hubSpot.notesOf(contactId).stream()
                .anyMatch(note -> note.body().contains("WhatsApp message delivered (leadflow_welcome")));
    }

    /** docs/hubspot.md, "Try it in the sandbox": the fake's contact, then HubSpot's signed webhook. */
    @Test
    void theSandboxWalkThroughOfTheDocsWelcomesTheContact() throws Exception {
        HttpHeaders bearer = new HttpHeaders();
        bearer.setContentType(MediaType.APPLICATION_JSON);
        bearer.setBearerAuth("sandbox-hubspot-token");
        String contact = "{\"properties\": {\"firstname\": \"Ana\", \"lastname\": \"Souza\", \"phone\": \"" + phone
                + "\", \"hs_language\": \"pt-br\", \"whatsapp_consent\": \"true\"}}";
        ResponseEntity<String> created = http.postForEntity("/sandbox/hubspot/crm/v3/objects/contacts",
                new HttpEntity<>(contact, bearer), String.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.getBody()).path("id").asText();
        String body = ("[{\"objectId\": %s, \"eventId\": %s, \"subscriptionType\": \"contact.creation\", "
                + "\"occurredAt\": 1712649600000, \"portalId\": 1, \"appId\": 1, \"subscriptionId\": 1, "
                + "\"attemptNumber\": 0}]").formatted(id, id);

        assertThat(postSigned(body).getStatusCode()).isEqualTo(HttpStatus.OK);

        engine.runDueJobs("hubspot-" + id);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
    }

    @Test
    void hubSpotRedeliveringTheSameBatchChangesNothing() {
        hubSpot.putContact(contactId, contact(phone, "true"));
        String batch = fixture("contact-creation.json").replace("1246978", contactId);
        postSigned(batch);

        ResponseEntity<String> again = postSigned(batch);

        assertThat(again.getBody()).contains("lead updated: hubspot-" + contactId);
        engine.runDueJobs("hubspot-" + contactId);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
    }

    @Test
    void aDealWonInHubSpotReachesTheLeadsOfItsContacts() {
        hubSpot.putContact(contactId, contact(phone, "true"));
        postSigned(fixture("contact-creation.json").replace("1246978", contactId));
        String dealId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L));
        hubSpot.putDeal(dealId, List.of(contactId));
        String eventId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L));

        ResponseEntity<String> answer = postSigned(fixture("deal-stage-change.json").replace("1487653950", dealId)
                .replace("1957245561", eventId));

        assertThat(answer.getBody()).contains("DEAL_WON for contact " + contactId);
        assertThat(api().getForObject("/api/leads/hubspot-" + contactId + "/timeline", String.class))
                .contains("DEAL_WON, status closedwon");
    }

    @Test
    void aMeetingBookedInHubSpotStartsTheMeetingsFlows() {
        hubSpot.putContact(contactId, contact(phone, "true"));
        postSigned(fixture("contact-creation.json").replace("1246978", contactId));
        String meetingId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L));
        hubSpot.putMeeting(meetingId, Map.of("hs_meeting_title", "Demo",
                "hs_meeting_start_time", TEST_START.plus(Duration.ofDays(1)).toString(),
                "hs_meeting_end_time", TEST_START.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)).toString()),
                List.of(contactId));

        ResponseEntity<String> answer = postSigned(fixture("meeting-creation.json").replace("51234567890", meetingId)
                .replace("2218675832", meetingId));

        assertThat(answer.getBody()).contains("MEETING_BOOKED for contact " + contactId);
        assertThat(api().getForObject("/api/meetings/hubspot-" + meetingId + "/flows", String.class))
                .contains("\"flow\":\"meetingBooking\"").contains("\"state\":\"RUNNING\"");
    }

    @Test
    void aWrongSignatureOrAnOldTimestampIsRefusedAndChangesNothing() {
        hubSpot.putContact(contactId, contact(phone, "true"));
        String batch = fixture("contact-creation.json").replace("1246978", contactId);
        String timestamp = String.valueOf(Engine.now().toEpochMilli());

        assertThat(post(batch, "bm90IHRoZSBzaWduYXR1cmU=", timestamp).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post(batch, null, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        String old = String.valueOf(Engine.now().minus(Duration.ofMinutes(6)).toEpochMilli());
        ResponseEntity<String> replayed = post(batch, HubSpotSignature.sign(CLIENT_SECRET, "POST", url(), batch, old),
                old);
        assertThat(replayed.getStatusCode()).as("a replay with its original timestamp")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(replayed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(api().getForEntity("/api/leads/hubspot-" + contactId, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aBatchThatIsNotHubSpotsShapeIsRefusedBeforeAnyEventIsApplied() {
        hubSpot.putContact(contactId, contact(phone, "true"));
        String withoutObjectId = """
                [{"objectId": %s, "eventId": 1, "subscriptionType": "contact.creation", "occurredAt": 1462216307945},
                 {"eventId": 2, "subscriptionType": "contact.creation", "occurredAt": 1462216307945}]"""
                .formatted(contactId);

        ResponseEntity<String> answer = postSigned(withoutObjectId);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).contains("[1].objectId");
        assertThat(postSigned("{\"not\": \"a batch\"}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api().getForEntity("/api/leads/hubspot-" + contactId, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aContactWithoutPhoneOrConsentIsNotMessaged() {
        hubSpot.putContact(contactId, contact(null, "true"));

        ResponseEntity<String> answer = postSigned(fixture("contact-creation.json").replace("1246978", contactId));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("skipped: contact " + contactId + ": no phone number");
        assertThat(api().getForEntity("/api/leads/hubspot-" + contactId, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void hubSpotsRateLimitAnswerHoldsTheNotesUntilItsRetryAfter() {
        hubSpot.putContact(contactId, contact(phone, "true"));
        postSigned(fixture("contact-creation.json").replace("1246978", contactId));
        hubSpot.throttleNext(1, 1);

        engine.runDueJobs("hubspot-" + contactId);

        await().atMost(PATIENCE).until(() -> api().getForObject("/api/subscriptions/crm:hubspot", String.class)
                .contains("HTTP 429"));
        Engine.setNow(Engine.now().plusSeconds(5));
        await().atMost(PATIENCE).until(() -> !hubSpot.notesOf(contactId).isEmpty());
        // healthy again before the next test sets the clock back
        await().atMost(PATIENCE).until(() -> api().getForObject("/api/subscriptions/crm:hubspot", String.class)
                .contains("\"failing\":false"));
    }

    private static Map<String, String> contact(String phone, String consent) {
        Map<String, String> contact = new java.util.HashMap<>(Map.of("firstname", "Ana", "lastname", "Souza",
                "hs_language", "pt-br", "lifecyclestage", "lead", "whatsapp_consent", consent, "company", "Acme"));
        if (phone != null) {
            contact.put("phone", phone);
        }
        return contact;
    }

    private ResponseEntity<String> postSigned(String body) {
        String timestamp = String.valueOf(Engine.now().toEpochMilli());
        return post(body, HubSpotSignature.sign(CLIENT_SECRET, "POST", url(), body, timestamp), timestamp);
    }

    private ResponseEntity<String> post(String body, String signature, String timestamp) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            headers.set(HubSpotSignature.SIGNATURE_HEADER, signature);
            headers.set(HubSpotSignature.TIMESTAMP_HEADER, timestamp);
        }
        return http.postForEntity("/webhooks/hubspot", new HttpEntity<>(body, headers), String.class);
    }

    private String url() {
        return "http://localhost:" + port + "/webhooks/hubspot";
    }

    static String fixture(String name) {
        try (InputStream in = HubSpotAdapterTest.class.getResourceAsStream("/crm/hubspot/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
