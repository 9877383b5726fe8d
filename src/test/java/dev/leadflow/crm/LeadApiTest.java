package dev.leadflow.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.flow.WelcomeFlow;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/** The CRM API as a CRM integrator uses it: contract.md, "CRM API". */
class LeadApiTest extends LeadflowIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void aMessyPhoneNumberIsStoredAsE164() throws Exception {
        ResponseEntity<String> created = putLead(leadId, """
                {"phone":"+55 (11) 99999-0000","name":"Ana","consent":{"whatsapp":false}}""");

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(JSON.readTree(created.getBody()).path("phone").asText()).isEqualTo("+5511999990000");
    }

    @Test
    void aNumberWithoutCountryCodeIsReadInTheLeadsCountry() throws Exception {
        ResponseEntity<String> created = putLead(leadId, """
                {"phone":"(11) 98888-7777","locale":"pt-BR","consent":{"whatsapp":false}}""");

        assertThat(JSON.readTree(created.getBody()).path("phone").asText()).isEqualTo("+5511988887777");
    }

    @Test
    void anInvalidPhoneIsRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
        ResponseEntity<String> refused = putLead(leadId, """
                {"phone":"12ab","consent":{"whatsapp":true}}""");

        assertProblem(refused, HttpStatus.BAD_REQUEST, "phone");
        assertThat(api().getForEntity("/api/leads/" + leadId, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(engine.instancesOf(leadId)).isEmpty();
    }

    @Test
    void malformedJsonIsRefused() throws Exception {
        assertProblem(putLead(leadId, "{\"phone\": \"+5511999990000\","), HttpStatus.BAD_REQUEST, null);
    }

    @Test
    void anUnknownFieldIsRefusedNamingIt() throws Exception {
        assertProblem(putLead(leadId, """
                {"phone":"%s","favouriteColour":"blue"}""".formatted(phone)), HttpStatus.BAD_REQUEST, "favouriteColour");
    }

    @Test
    void aWrongTypeIsRefusedNamingTheField() throws Exception {
        assertProblem(putLead(leadId, """
                {"phone":"%s","consent":{"whatsapp":"maybe"}}""".formatted(phone)), HttpStatus.BAD_REQUEST,
                "consent.whatsapp");
    }

    @Test
    void anUnknownTimezoneIsRefused() throws Exception {
        assertProblem(putLead(leadId, """
                {"phone":"%s","timezone":"Mars/Olympus"}""".formatted(phone)), HttpStatus.BAD_REQUEST, "timezone");
    }

    @Test
    void missingOrWrongCredentialsAreRefused() throws Exception {
        ResponseEntity<String> anonymous = http.exchange("/api/leads/" + leadId, HttpMethod.PUT,
                jsonBody(TestLeads.leadJson(phone, true)), String.class);
        ResponseEntity<String> wrong = http.withBasicAuth("demo", "wrong").exchange("/api/leads/" + leadId,
                HttpMethod.PUT, jsonBody(TestLeads.leadJson(phone, true)), String.class);

        assertProblem(anonymous, HttpStatus.UNAUTHORIZED, null);
        assertProblem(wrong, HttpStatus.UNAUTHORIZED, null);
        assertThat(engine.instancesOf(leadId)).isEmpty();
    }

    @Test
    void anUnknownLeadIs404() throws Exception {
        assertProblem(api().getForEntity("/api/leads/" + leadId + "/timeline", String.class), HttpStatus.NOT_FOUND,
                null);
        assertProblem(postEvent(leadId, """
                {"eventId":"e-%s","type":"OPTED_IN"}""".formatted(leadId)), HttpStatus.NOT_FOUND, null);
    }

    @Test
    void repeatingTheSameRequestChangesNothingAndSendsOneWelcome() throws Exception {
        String body = TestLeads.leadJson(phone, true);
        assertThat(putLead(leadId, body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String firstUpdate = JSON.readTree(putLead(leadId, body).getBody()).path("updatedAt").asText();
        for (int i = 0; i < 3; i++) {
            ResponseEntity<String> again = putLead(leadId, body);
            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(JSON.readTree(again.getBody()).path("updatedAt").asText()).isEqualTo(firstUpdate);
        }
        engine.runDueJobs(leadId);

        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        assertThat(welcomeFlows()).isEqualTo(1);
    }

    @Test
    void fiveConcurrentCreationsYieldOneLeadOneFlowOneWelcome() throws Exception {
        String body = TestLeads.leadJson(phone, true);
        List<Callable<ResponseEntity<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(() -> putLead(leadId, body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<HttpStatus> statuses = new ArrayList<>();
        try {
            for (Future<ResponseEntity<String>> answer : pool.invokeAll(calls)) {
                statuses.add((HttpStatus) answer.get().getStatusCode());
            }
        } finally {
            pool.shutdown();
        }
        engine.runDueJobs(leadId);
        engine.runDueJobs(leadId);

        assertThat(statuses).containsOnly(HttpStatus.CREATED, HttpStatus.OK);
        assertThat(statuses).filteredOn(HttpStatus.CREATED::equals).hasSize(1);
        assertThat(welcomeFlows()).isEqualTo(1);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
    }

    @Test
    void aRepeatedEventIsAnsweredWithTheFirstResult() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, false));
        String event = """
                {"eventId":"evt-%s","type":"STATUS_CHANGED","status":"Contacted","occurredAt":"2026-03-04T15:00:00Z"}"""
                .formatted(leadId);

        ResponseEntity<String> first = postEvent(leadId, event);
        ResponseEntity<String> repeat = postEvent(leadId, event);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(repeat.getBody())).isEqualTo(JSON.readTree(first.getBody()));
        assertThat(JSON.readTree(api().getForEntity("/api/leads/" + leadId, String.class).getBody())
                .path("status").asText()).isEqualTo("Contacted");
    }

    @Test
    void anEventMissingWhatItsTypeNeedsIsRefused() throws Exception {
        putLead(leadId, TestLeads.leadJson(phone, false));

        assertProblem(postEvent(leadId, """
                {"eventId":"evt-%s","type":"MEETING_BOOKED"}""".formatted(leadId)), HttpStatus.BAD_REQUEST, "meeting");
        assertProblem(postEvent(leadId, """
                {"eventId":"evt-%s","type":"NOT_A_TYPE"}""".formatted(leadId)), HttpStatus.BAD_REQUEST, "type");
    }

    private static void assertProblem(ResponseEntity<String> response, HttpStatus status, String field)
            throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(status.value());
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at dev.leadflow");
        if (field != null) {
            assertThat(problem.path("detail").asText()).contains(field);
            assertThat(problem.path("errors").findValuesAsText("field")).contains(field);
        }
    }

    /** The welcome flow (its follow-up flow runs beside it). */
    private long welcomeFlows() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(WelcomeFlow.PROCESS_KEY)
                .processInstanceBusinessKey(leadId).count();
    }
}
