package dev.leadflow.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.flow.FollowUpFlow;
import dev.leadflow.flow.WelcomeFlow;
import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * The migration from the legacy automations as an operator runs it: a messy tracking export imported (dry run
 * first), leads resuming where the legacy scripts left them, nothing sent twice, flows moved over one at a time.
 */
class LegacyMigrationTest extends LeadflowIntegrationTest {

    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
    };

    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void everyFlowBackToLeadflow() {
        for (String flow : List.of(WelcomeFlow.PROCESS_KEY, FollowUpFlow.PROCESS_KEY)) {
            switchMode(flow, "leadflow");
        }
    }

    @Test
    void aMessyExportIsReportedFirstThenImportedOnceHoweverOftenItIsImported() throws Exception {
        LegacyTrackingFixture fixture = new LegacyTrackingFixture(8).leads("legacy-" + run, 1200, TEST_START)
                .brokenLines("broken-" + run, 9);
        assertThat(fixture.rows).isBetween(2500, 4000);

        JsonNode dryRun = importCsv(fixture.csv(), true);

        assertThat(dryRun.path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.path("rowsRead").asInt()).isEqualTo(fixture.rows);
        assertThat(dryRun.path("rowsRejected").asInt()).isEqualTo(9);
        assertThat(dryRun.path("rejectedRows").toString()).contains("the header has 7", "yesterday", "is not a lead id");
        assertThat(counts(dryRun, "messageStatuses")).isEqualTo(fixture.statuses);
        assertThat(counts(dryRun, "unknownMessageStatuses")).isEqualTo(fixture.unknownStatuses)
                .containsOnlyKeys("(empty)", "in_flight");
        assertThat(counts(dryRun.path("messageStatusSpellings"), "SENT"))
                .containsOnlyKeys("sent", "SENT", "Sent ", "msg_sent", "done", "ok");
        assertThat(counts(dryRun, "leadStatuses")).isEqualTo(fixture.leadStatuses);
        assertThat(counts(dryRun, "unknownLeadStatuses")).isEqualTo(fixture.unknownLeadStatuses)
                .containsOnlyKeys("Hot lead?");
        assertThat(counts(dryRun, "steps")).isEqualTo(fixture.steps);
        assertThat(counts(dryRun, "unknownAutomations").values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(fixture.unknownAutomationRows);
        assertThat(dryRun.path("leads").asInt()).isEqualTo(1200);
        Map<String, Integer> resumptions = counts(dryRun, "resumptions");
        assertThat(resumptions.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1200);
        assertThat(resumptions).containsKeys(Resumptions.UNKNOWN_STATUS,
                "resumes at " + FollowUpFlow.WAIT_THREE_DAYS + " when the CRM creates the lead");
        assertThat(legacyFactsOf("legacy-" + run + "-0")).as("a dry run writes nothing").isEmpty();

        JsonNode imported = importCsv(fixture.csv(), false);
        int facts = imported.path("facts").path("added").asInt();
        assertThat(facts).isPositive().isLessThan(fixture.rows);
        assertThat(counts(imported, "resumptions")).isEqualTo(resumptions);

        JsonNode again = importCsv(fixture.csv(), false);

        assertThat(again.path("facts").toString()).isEqualTo("{\"added\":0,\"updated\":0,\"unchanged\":" + facts + "}");
        assertThat(jdbc.sql("select count(*) from legacy_fact where lead_id like ?").param("legacy-" + run + "-%")
                .query(Integer.class).single()).isEqualTo(facts);
    }

    @Test
    void aLeadWhoseFirstFollowUpWentOutTwoDaysAgoGetsTheSecondOnTimeAndNeverTheFirstAgain() {
        String leadId = TestLeads.newLeadId();
        String phone = TestLeads.newPhone();
        Instant followUp1 = TEST_START.minus(Duration.ofDays(2));
        importCsv(new LegacyTrackingFixture(1)
                .row(leadId, "welcome", "", "SENT", followUp1.minus(Duration.ofDays(1)), "Contacted")
                .row(leadId, "followup", "1", "Sent ", followUp1, "Contacted")
                .row(leadId, "Follow_Up", "1", "delivered", followUp1.plusSeconds(40), "Contacted").csv(), false);

        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        Instant due = followUp1.plus(Duration.ofDays(3));
        JsonNode followUp = flow(leadId, FollowUpFlow.PROCESS_KEY);
        assertThat(followUp.path("steps").get(0).path("stepId").asText()).isEqualTo(FollowUpFlow.WAIT_THREE_DAYS);
        assertThat(Instant.parse(followUp.path("until").asText())).isEqualTo(due);
        assertThat(legacyLead(leadId).path("resumesAt").asText()).isEqualTo(FollowUpFlow.WAIT_THREE_DAYS);

        engine.timePasses(leadId, Duration.between(Engine.now(), due).minusMinutes(1));
        assertThat(cloudApi.templatesSentTo(phone)).isEmpty();
        engine.timePasses(leadId, Duration.ofMinutes(1));
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_followup_2");
        engine.timePasses(leadId, Duration.ofDays(7));

        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_followup_2", "leadflow_followup_3");
    }

    @Test
    void erasingALeadErasesWhatTheLegacySystemRecordedAboutIt() {
        String leadId = TestLeads.newLeadId();
        importCsv(new LegacyTrackingFixture(7)
                .row(leadId, "welcome", "", "sent", TEST_START.minus(Duration.ofDays(3)), "New")
                .row(leadId, "followup", "1", "sent", TEST_START.minus(Duration.ofDays(2)), "New").csv(), false);
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true));

        ResponseEntity<String> erased = api().exchange("/api/leads/" + leadId, HttpMethod.DELETE, null, String.class);

        assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read(erased.getBody()).path("flowsCancelled").asInt()).as("welcome and follow-up").isEqualTo(2);
        assertThat(read(erased.getBody()).path("records").path("legacyFacts").asInt()).isEqualTo(2);
        assertThat(legacyFactsOf(leadId)).isEmpty();
    }

    @Test
    void aLeadTheLegacyCrmClosedOrGaveAnUnmappedStatusIsNotStartedAtAll() {
        String closed = TestLeads.newLeadId();
        String unmapped = TestLeads.newLeadId();
        String closedPhone = TestLeads.newPhone();
        String unmappedPhone = TestLeads.newPhone();
        Instant welcome = TEST_START.minus(Duration.ofHours(5));
        JsonNode report = importCsv(new LegacyTrackingFixture(6)
                .row(closed, "welcome", "", "sent", welcome, "closed_lost")
                .row(unmapped, "welcome", "", "sent", welcome, "Hot lead?").csv(), false);
        assertThat(counts(report, "resumptions")).containsEntry(Resumptions.CLOSED, 1)
                .containsEntry(Resumptions.UNKNOWN_STATUS, 1);

        putLead(closed, TestLeads.leadJson(closedPhone, true));
        putLead(unmapped, TestLeads.leadJson(unmappedPhone, true));
        engine.timePasses(closed, Duration.ofDays(2));
        engine.runDueJobs(unmapped);

        assertThat(engine.instancesOf(closed)).isEmpty();
        assertThat(engine.instancesOf(unmapped)).isEmpty();
        assertThat(cloudApi.templatesSentTo(closedPhone)).isEmpty();
        assertThat(legacyLead(unmapped).path("lastStep").path("notResumedBecause").asText())
                .isEqualTo(Resumptions.UNKNOWN_STATUS);
    }

    @Test
    void aStepTheLegacySystemDidIsSkippedWithItsReasonAndTheNextOneGoesOut() {
        String leadId = TestLeads.newLeadId();
        String phone = TestLeads.newPhone();
        putLead(leadId, TestLeads.leadJson(phone, true));
        assertThat(engine.dueJobs(leadId)).as("the welcome is queued").hasSize(1);

        String tracking = new LegacyTrackingFixture(2)
                .row(leadId, "WELCOME ", "", "ok", TEST_START.minus(Duration.ofMinutes(10)), "new_lead").csv();
        assertThat(counts(importCsv(tracking, true), "resumptions"))
                .containsEntry("already running in Leadflow: left as it is", 1);
        JsonNode report = importCsv(tracking, false);
        assertThat(counts(report, "resumptions")).containsEntry("already running in Leadflow: left as it is", 1);
        engine.runDueJobs(leadId);

        assertThat(cloudApi.templatesSentTo(phone)).isEmpty();
        assertThat(timeline(leadId)).anySatisfy(entry -> {
            assertThat(entry.path("kind").asText()).isEqualTo("STEP_SKIPPED");
            assertThat(entry.path("flow").asText()).isEqualTo(WelcomeFlow.PROCESS_KEY);
            assertThat(entry.path("detail").asText()).isEqualTo("already sent by the legacy system");
        });
        engine.timePasses(leadId, Duration.ofDays(1));
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_followup_1");
    }

    @Test
    void shadowModeSendsNothingAndItsDecisionsAreComparedWithTheLegacySends() {
        String matched = TestLeads.newLeadId();
        String onlyShadow = TestLeads.newLeadId();
        String onlyLegacy = TestLeads.newLeadId();
        Instant since = Engine.now();
        Instant followUp1 = TEST_START.minus(Duration.ofDays(3)).plus(Duration.ofHours(1));
        LegacyTrackingFixture before = new LegacyTrackingFixture(3);
        for (String leadId : List.of(matched, onlyShadow, onlyLegacy)) {
            before.row(leadId, "welcome", "", "sent", followUp1.minus(Duration.ofDays(1)), "New")
                    .row(leadId, "followup", "1", "sent", followUp1, "New");
        }
        importCsv(before.csv(), false);
        assertThat(switchMode(FollowUpFlow.PROCESS_KEY, "shadow").path("mode").asText()).isEqualTo("SHADOW");
        String matchedPhone = TestLeads.newPhone();
        String shadowPhone = TestLeads.newPhone();
        putLead(matched, TestLeads.leadJson(matchedPhone, true));
        putLead(onlyShadow, TestLeads.leadJson(shadowPhone, true));

        engine.timePasses(matched, Duration.ofHours(1));
        engine.runDueJobs(onlyShadow);

        assertThat(cloudApi.templatesSentTo(matchedPhone)).isEmpty();
        assertThat(cloudApi.templatesSentTo(shadowPhone)).isEmpty();
        assertThat(timeline(onlyShadow)).anySatisfy(entry -> {
            assertThat(entry.path("kind").asText()).isEqualTo("STEP_SKIPPED");
            assertThat(entry.path("step").asText()).isEqualTo("Send follow-up 2");
            assertThat(entry.path("detail").asText()).startsWith("shadow mode: would have sent template");
        });
        importCsv(new LegacyTrackingFixture(4)
                .row(matched, "followup", "2", "sent", Engine.now().plusSeconds(30), "New")
                .row(onlyLegacy, "followup", "2", "msg_sent", Engine.now().plusSeconds(50), "New").csv(), false);

        JsonNode report = get("/api/legacy/shadow-report?flow=followUp&since=" + since);

        JsonNode step = report.path("steps").get(0);
        assertThat(report.path("steps")).hasSize(1);
        assertThat(step.path("step").asText()).isEqualTo("follow-up-2");
        assertThat(step.path("matches").asInt()).isEqualTo(1);
        assertThat(step.path("onlyShadowLeads").toString()).isEqualTo("[\"" + onlyShadow + "\"]");
        assertThat(step.path("onlyLegacyLeads").toString()).isEqualTo("[\"" + onlyLegacy + "\"]");
    }

    @Test
    void inLegacyModeTheFlowLeavesItsSendsToTheLegacySystemAndTheSwitchIsAudited() {
        String leadId = TestLeads.newLeadId();
        String phone = TestLeads.newPhone();
        importCsv(new LegacyTrackingFixture(5)
                .row(leadId, "welcome", "", "sent", TEST_START.minus(Duration.ofHours(23)), "New").csv(), false);
        JsonNode switched = switchMode(FollowUpFlow.PROCESS_KEY, "legacy");
        assertThat(switched.path("mode").asText()).isEqualTo("LEGACY");
        assertThat(switched.path("changedBy").asText()).isEqualTo("demo");
        assertThat(switched.path("changes").get(switched.path("changes").size() - 1).path("reason").asText())
                .isEqualTo("rehearsal");
        putLead(leadId, TestLeads.leadJson(phone, true));

        engine.timePasses(leadId, Duration.ofHours(1));

        assertThat(cloudApi.templatesSentTo(phone)).isEmpty();
        assertThat(timeline(leadId)).anySatisfy(entry ->
                assertThat(entry.path("detail").asText()).startsWith("left to the legacy system"));
    }

    @Test
    void aModeOutsideTheThreeOrAnUnknownFlowIsRefused() {
        ResponseEntity<String> wrongMode = api().exchange("/api/legacy/flows/followUp/mode", HttpMethod.PUT,
                jsonBody("{\"mode\":\"halfway\"}"), String.class);
        ResponseEntity<String> unknownFlow = api().exchange("/api/legacy/flows/nope/mode", HttpMethod.PUT,
                jsonBody("{\"mode\":\"shadow\"}"), String.class);

        assertThat(wrongMode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(wrongMode.getBody()).contains("\"field\":\"mode\"");
        assertThat(unknownFlow.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/legacy/flows/followUp/mode").path("mode").asText()).isEqualTo("LEADFLOW");
    }

    @Test
    void somethingThatIsNotTrackingCsvIsRefusedWhole() {
        ResponseEntity<String> notCsv = postCsv("{\"leads\":[1,2,3]}", true);
        ResponseEntity<String> noHeader = postCsv("lead-1,followup,1,sent,2026-01-01T00:00:00Z\n", true);

        assertThat(notCsv.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notCsv.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(notCsv.getBody()).contains("\"field\":\"body\"", "missing column");
        assertThat(noHeader.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api().getForEntity("/api/legacy/flows", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/api/legacy/flows", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aTableInADatabaseIsImportedLikeTheCsv() {
        String leadId = TestLeads.newLeadId();
        jdbc.sql("""
                create table legacy_tracking (lead_id varchar(100), automation varchar(100), step varchar(20),
                                              status varchar(50), sent_at timestamp, wamid varchar(100),
                                              lead_status varchar(50))""").update();
        try {
            String insert = "insert into legacy_tracking values (?, ?, ?, ?, ?, ?, ?)";
            jdbc.sql(insert).params(leadId, "welcome", null, " SENT", LocalDateTime.parse("2026-03-01T10:00:00"),
                    "w1", "NEW").update();
            jdbc.sql(insert).params(leadId, "followup", "1", "error:131026", LocalDateTime.parse("2026-03-02T10:00:00"),
                    null, "Contacted").update();
            jdbc.sql("insert into legacy_tracking values (?, 'followup', '2', 'bounced?', null, null, 'Contacted')")
                    .param(leadId).update();

            ResponseEntity<String> answer = api().postForEntity("/api/legacy/imports?dryRun=false",
                    jsonBody("{\"source\":\"jdbc\"}"), String.class);

            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            JsonNode report = read(answer.getBody());
            assertThat(report.path("rowsRead").asInt()).isEqualTo(3);
            assertThat(counts(report, "messageStatuses")).containsEntry("SENT", 1).containsEntry("FAILED", 1)
                    .containsEntry("UNKNOWN", 1);
            assertThat(counts(report, "unknownMessageStatuses")).containsOnlyKeys("bounced?");
            JsonNode facts = legacyLead(leadId).path("facts");
            assertThat(facts).hasSize(3);
            assertThat(facts.toString()).contains("\"errorCode\":131026", "\"sentAt\":\"2026-03-01T10:00:00Z\"");
        } finally {
            jdbc.sql("drop table legacy_tracking").update();
        }
    }

    @Test
    void crmStatusWordsGoThroughTheSameMapping() {
        String leadId = TestLeads.newLeadId();
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true));

        String unknown = postEvent(leadId, """
                {"eventId":"%s-hot","type":"STATUS_CHANGED","status":"Hot?"}""".formatted(leadId)).getBody();
        String closedLost = postEvent(leadId, """
                {"eventId":"%s-lost","type":"STATUS_CHANGED","status":" Closed_Lost "}""".formatted(leadId)).getBody();

        assertThat(unknown).contains("is not in the status mapping").doesNotContain("sales flows ended");
        assertThat(closedLost).contains("sales flows ended: 1");
    }

    private JsonNode importCsv(String csv, boolean dryRun) {
        ResponseEntity<String> answer = postCsv(csv, dryRun);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        return read(answer.getBody());
    }

    private ResponseEntity<String> postCsv(String csv, boolean dryRun) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv;charset=UTF-8"));
        return api().exchange("/api/legacy/imports?dryRun=" + dryRun, HttpMethod.POST, new HttpEntity<>(csv, headers),
                String.class);
    }

    private JsonNode switchMode(String flow, String mode) {
        ResponseEntity<String> answer = api().exchange("/api/legacy/flows/" + flow + "/mode", HttpMethod.PUT,
                jsonBody("{\"mode\":\"" + mode + "\",\"reason\":\"rehearsal\"}"), String.class);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        return read(answer.getBody());
    }

    private JsonNode legacyLead(String leadId) {
        return get("/api/legacy/leads/" + leadId);
    }

    private List<JsonNode> legacyFactsOf(String leadId) {
        List<JsonNode> facts = new ArrayList<>();
        legacyLead(leadId).path("facts").forEach(facts::add);
        return facts;
    }

    private JsonNode flow(String leadId, String flow) {
        for (JsonNode candidate : get("/api/leads/" + leadId + "/flows")) {
            if (candidate.path("flow").asText().equals(flow)) {
                return candidate;
            }
        }
        throw new AssertionError("no flow " + flow + " for " + leadId);
    }

    private List<JsonNode> timeline(String leadId) {
        List<JsonNode> entries = new ArrayList<>();
        JsonNode page = get("/api/leads/" + leadId + "/timeline");
        (page.isArray() ? page : page.path("entries")).forEach(entries::add);
        return entries;
    }

    private JsonNode get(String path) {
        ResponseEntity<String> answer = api().getForEntity(path, String.class);
        assertThat(answer.getStatusCode()).as(path + ": " + answer.getBody()).isEqualTo(HttpStatus.OK);
        return read(answer.getBody());
    }

    private Map<String, Integer> counts(JsonNode report, String field) {
        return json.convertValue(report.path(field), COUNTS);
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
