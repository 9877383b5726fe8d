package dev.leadflow.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * The dashboard over the API. Its week is one no other test sends in, so the counts are this test's own.
 */
class FlowDashboardTest extends LeadflowIntegrationTest {

    /** A Wednesday noon in Brazil, in a week of its own. */
    private static final Instant WEEK_OF_ITS_OWN = Instant.parse("2031-06-04T15:00:00Z");

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    private FlowDashboard outcomes;

    @Autowired
    private dev.leadflow.messaging.MessageLedger ledger;

    @Test
    void theFunnelCountsSendsRepliesMeetingsAndFailuresPerFlowAndTemplate() throws Exception {
        Engine.setNow(WEEK_OF_ITS_OWN);
        String replied = welcomedLead();
        String booked = welcomedLead();
        welcomedLead();
        String failing = TestLeads.newLeadId();
        putLead(failing, TestLeads.leadJson(TestLeads.newPhone(), true));
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(failing);
        Engine.setNow(WEEK_OF_ITS_OWN.plus(Duration.ofHours(1)));
        assertThat(api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"quero saber mais"}""".formatted(phoneOf.get(replied))), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(postEvent(booked, """
                {"eventId":"%s","type":"MEETING_BOOKED","occurredAt":"2031-06-04T16:00:00Z",
                 "meeting":{"id":"mtg-%s","startsAt":"2031-06-10T15:00:00Z","timezone":"America/Sao_Paulo"}}"""
                .formatted("evt-" + booked, booked)).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // the dashboard works out new messages when read; the schedule keeps them up to date after that
        JsonNode welcome = await().atMost(Duration.ofSeconds(10)).until(() -> {
            outcomes.refreshOutcomes();
            return flow(dashboard(), "welcome");
        }, row -> row != null && row.get("replied").asLong() == 1);

        assertThat(welcome.get("sent").asLong()).isEqualTo(3);
        assertThat(welcome.get("meetingBooked").asLong()).isEqualTo(1);
        assertThat(welcome.get("failed").asLong()).isEqualTo(1);
        assertThat(welcome.get("replyRate").asDouble()).isEqualTo(0.333);
        assertThat(welcome.get("minutesToFirstReply").asLong()).isEqualTo(60);
        JsonNode dashboard = dashboard();
        assertThat(dashboard.get("weeks").get(0).asText()).isEqualTo("2031-06-02");
        assertThat(dashboard.get("templates").toString()).contains("\"name\":\"leadflow_welcome\"");
        assertThat(dashboard.get("failures").toString()).contains("\"errorCode\":132001,\"flow\":\"welcome\"");
        assertThat(dashboard.get("waiting").toString()).contains("\"stepId\":\"WaitOneDay\"");
        assertThat(dashboard.get("open").get("tasks").asLong()).isPositive();

        ResponseEntity<String> csv = api().getForEntity("/api/ops/dashboard/funnel.csv?weeks=1", String.class);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getBody()).startsWith("week,flow,template,attempts,sent,delivered,read,replied,meeting_booked,"
                + "deal_won,failed\r\n").contains("2031-06-02,welcome,leadflow_welcome,4,3,");
        assertThat(api().getForObject("/api/ops/dashboard/failures.csv?weeks=1", String.class))
                .contains("132001,welcome,1,");
    }

    /** A failed welcome sent again by an operator is one message, sent, not a failure and a second send. */
    @Test
    void aReSendCountsOnceAsTheMessageItRepeats() throws Exception {
        Engine.setNow(WEEK_OF_ITS_OWN.plus(Duration.ofDays(63)));
        String leadId = TestLeads.newLeadId();
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true));
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);
        long failed = ledger.findByKey(leadId + ":welcome:welcome").orElseThrow().id();

        assertThat(api().postForEntity("/api/messages/" + failed + "/resend", jsonBody("{\"reason\":\"fixed\"}"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        JsonNode welcome = flow(dashboard(), "welcome");
        assertThat(welcome.get("sent").asLong()).isEqualTo(1);
        assertThat(welcome.get("failed").asLong()).isZero();
        assertThat(api().getForObject("/api/ops/dashboard/funnel.csv?weeks=1", String.class))
                .contains(",welcome,leadflow_welcome,1,1,");
    }

    @Test
    void stuckLeadsNameTheFlowTheStepAndWhy() throws Exception {
        Engine.setNow(WEEK_OF_ITS_OWN.plus(Duration.ofDays(30)));
        String failing = TestLeads.newLeadId();
        putLead(failing, TestLeads.leadJson(TestLeads.newPhone(), true));
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(failing);

        JsonNode report = json.readTree(api().getForObject("/api/ops/stuck-leads?limit=1000", String.class));

        JsonNode lead = null;
        for (JsonNode candidate : report.get("leads")) {
            if (candidate.get("leadId").asText().equals(failing)) {
                lead = candidate;
            }
        }
        assertThat(lead).isNotNull();
        assertThat(lead.get("reasons").toString()).contains("\"why\":\"TASK\"", "\"flow\":\"welcome\"",
                "\"stepId\":\"HandleWelcomeFailure\"");
        assertThat(api().getForEntity("/api/ops/stuck-leads?waitingLongerThan=soon", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api().getForEntity("/api/ops/dashboard?weeks=0", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.exchange("/api/ops/dashboard", HttpMethod.GET, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private final java.util.Map<String, String> phoneOf = new java.util.HashMap<>();

    private String welcomedLead() {
        String leadId = TestLeads.newLeadId();
        String phone = TestLeads.newPhone();
        phoneOf.put(leadId, phone);
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        engine.runDueJobs(leadId);
        return leadId;
    }

    private JsonNode dashboard() throws Exception {
        return json.readTree(api().getForObject("/api/ops/dashboard?weeks=1", String.class));
    }

    private static JsonNode flow(JsonNode dashboard, String flow) {
        for (JsonNode row : dashboard.get("flows")) {
            if (row.get("name").asText().equals(flow)) {
                return row;
            }
        }
        return null;
    }
}
