package dev.leadflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/** GET /api/leads/{id}/timeline: the lead's story, whole or in pages. */
class TimelineApiTest extends LeadflowIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private IdentityService identity;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void pagesFollowedByTheirLinkHeadersGiveTheWholeTimelineOnce() throws Exception {
        storyWithAReply();
        JsonNode whole = JSON.readTree(api().getForEntity(timeline(), String.class).getBody());
        assertThat(whole.size()).isGreaterThan(4);

        List<JsonNode> paged = new ArrayList<>();
        String next = timeline() + "?limit=2";
        int pages = 0;
        while (next != null) {
            ResponseEntity<String> page = api().getForEntity(next, String.class);
            assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
            JSON.readTree(page.getBody()).forEach(paged::add);
            next = nextLink(page);
            pages++;
        }

        assertThat(paged).containsExactlyElementsOf(whole);
        assertThat(pages).isEqualTo((whole.size() + 1) / 2);
    }

    @Test
    void theStoryIsToldInWordsAPersonReads() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, true));
        cloudApi.failNextSends(131000, 1);
        engine.runDueJobs(leadId);
        engine.timePasses(leadId, Duration.ofMinutes(1));

        JsonNode entries = JSON.readTree(api().getForEntity(timeline(), String.class).getBody());
        String story = entries.toString();
        JsonNode retry = only(entries, "RETRY");
        JsonNode sent = only(entries, "MESSAGE_SENT");
        assertThat(retry.path("step").asText()).isEqualTo("Send welcome");
        assertThat(retry.path("detail").asText()).startsWith("the Cloud API refused the message for now: something"
                + " went wrong at WhatsApp (error 131000: Injected by the sandbox); will try again (")
                .endsWith("more tries left)");
        assertThat(sent.path("step").asText()).isEqualTo("Send welcome");
        // sent when it was accepted, after the refusal it followed
        assertThat(java.time.Instant.parse(sent.path("at").asText()))
                .isAfter(java.time.Instant.parse(retry.path("at").asText()));
        assertThat(story).doesNotContain("SendWelcome", "(#131000)", "Activity(", "duedate=", "PT1M", "serviceTask");
    }

    private static JsonNode only(JsonNode entries, String kind) {
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        entries.forEach(entry -> {
            if (kind.equals(entry.path("kind").asText())) {
                found.add(entry);
            }
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void anOperatorsRetryIsInTheStoryWithWhoDidIt() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, true));
        cloudApi.failNextSends(131000, 1);
        engine.runDueJobs(leadId);
        Job failing = engine.jobsOf(leadId).get(0);

        // an operator in Cockpit: the ops group's authorizations apply
        identity.setAuthentication("maria.ops", java.util.List.of("ops"));
        try {
            management.setJobRetries(failing.getId(), 3);
        } finally {
            identity.clearAuthentication();
        }

        JsonNode entries = JSON.readTree(api().getForEntity(timeline(), String.class).getBody());
        assertThat(entries.findValuesAsText("kind")).contains("RETRY", "OPERATOR_ACTION");
        assertThat(entries.toString()).contains("maria.ops retried the stopped step (3 more tries)");
    }

    @Test
    void theCrmsEventsAreInTheStoryWithWhatLeadflowDid() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);
        Engine.setNow(TEST_START.plus(Duration.ofMinutes(2)));
        postEvent(leadId, """
                {"eventId":"%s-qualified","type":"STATUS_CHANGED","status":"Qualified",
                 "occurredAt":"2026-03-04T15:02:00Z"}""".formatted(leadId));
        Engine.setNow(TEST_START.plus(Duration.ofMinutes(5)));
        postEvent(leadId, """
                {"eventId":"%s-optout","type":"OPTED_OUT","occurredAt":"2026-03-04T15:05:00Z"}""".formatted(leadId));

        JsonNode entries = JSON.readTree(api().getForEntity(timeline(), String.class).getBody());

        List<String> crmEvents = new ArrayList<>();
        entries.forEach(entry -> {
            if (entry.path("kind").asText().equals("CRM_EVENT")) {
                crmEvents.add(entry.path("at").asText() + " " + entry.path("detail").asText());
            }
        });
        assertThat(crmEvents).hasSize(2);
        assertThat(crmEvents.get(0)).startsWith("2026-03-04T15:02:00Z STATUS_CHANGED, status Qualified: ")
                .contains("Qualified");
        assertThat(crmEvents.get(1)).startsWith("2026-03-04T15:05:00Z OPTED_OUT: ").contains("consent withdrawn");
        assertThat(entries.get(entries.size() - 1).path("kind").asText()).isEqualTo("FLOW_ENDED");
    }

    @Test
    void badPagingParametersAreRefusedNamingThem() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, false));

        ResponseEntity<String> badLimit = api().getForEntity(timeline() + "?limit=0", String.class);
        ResponseEntity<String> badCursor = api().getForEntity(timeline() + "?after=nonsense", String.class);

        assertThat(badLimit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JSON.readTree(badLimit.getBody()).path("errors").get(0).path("field").asText()).isEqualTo("limit");
        assertThat(badCursor.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JSON.readTree(badCursor.getBody()).path("errors").get(0).path("field").asText()).isEqualTo("after");
    }

    private void storyWithAReply() {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);
        api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"Oi"}""".formatted(phone)), String.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.instancesOf(leadId).isEmpty());
        // the sandbox's status webhooks come on their own time: wait for the last one
        await().atMost(Duration.ofSeconds(10)).until(() -> api().getForEntity(timeline(), String.class).getBody()
                .contains("MESSAGE_READ"));
    }

    private String timeline() {
        return "/api/leads/" + leadId + "/timeline";
    }

    private static String nextLink(ResponseEntity<String> page) {
        String link = page.getHeaders().getFirst(HttpHeaders.LINK);
        if (link == null) {
            return null;
        }
        assertThat(link).endsWith(">; rel=\"next\"");
        String uri = link.substring(1, link.indexOf('>'));
        return uri.substring(uri.indexOf("/api/"));
    }
}
