package dev.leadflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leadflow.experiments.ExperimentProperties.Definition;
import dev.leadflow.experiments.ExperimentProperties.Variant;
import dev.leadflow.messaging.MessagingService;
import dev.leadflow.messaging.SendCommand;
import dev.leadflow.messaging.SendOutcome;
import dev.leadflow.messaging.SendOutcome.Decision;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * Template experiments through the send boundary, as a flow's send step calls it, against the Cloud API fake:
 * which template each lead receives, the holdout, the results API, promotion and the guardrail's stop.
 */
class ExperimentsTest extends LeadflowIntegrationTest {

    @Autowired
    private MessagingService messaging;
    @Autowired
    private ExperimentProperties properties;
    @Autowired
    private ExperimentStore store;
    @Autowired
    private JdbcTemplate jdbc;

    private record Lead(String id, String phone) {
    }

    private Lead newLead() {
        Lead lead = new Lead(TestLeads.newLeadId(), TestLeads.newPhone());
        assertThat(putLead(lead.id(), TestLeads.leadJsonIn(lead.phone(), "America/Sao_Paulo")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return lead;
    }

    private SendOutcome send(Lead lead, String templateKey) {
        return messaging.send(new SendCommand(lead.id(), "test", "experiment-step", templateKey, null, Map.of()));
    }

    private String expectedVariant(String experimentId, Lead lead) {
        Definition definition = properties.getDefinitions().get(experimentId);
        return Assignment.pick(definition.getVariants(), Variant::getWeight, Assignment.unit(experimentId, lead.id()))
                .getName();
    }

    @Test
    void eachLeadGetsItsOwnVariantEveryTimeAndTheHoldoutGetsNothing() {
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            leads.add(newLead());
        }
        for (Lead lead : leads) {
            SendOutcome outcome = send(lead, "test.experiment");
            String variant = expectedVariant("test-copy", lead);
            switch (variant) {
                case "holdout" -> {
                    assertThat(outcome.decision()).isEqualTo(Decision.SKIPPED);
                    assertThat(outcome.reason()).contains("experiment test-copy: variant holdout", "held out");
                    assertThat(cloudApi.requests(lead.phone())).isZero();
                }
                case "A" -> assertThat(cloudApi.templatesSentTo(lead.phone())).containsExactly("leadflow_test_experiment_a");
                default -> assertThat(cloudApi.templatesSentTo(lead.phone())).containsExactly("leadflow_test_experiment_b");
            }
            // asked again (a retry, a second node): the same variant, and nothing more is sent
            SendOutcome again = send(lead, "test.experiment");
            assertThat(again.decision()).isIn(Decision.ALREADY_SENT, Decision.SKIPPED);
            assertThat(cloudApi.requests(lead.phone())).isEqualTo(variant.equals("holdout") ? 0 : 1);
            assertThat(store.variantOf("test-copy", lead.id())).contains(variant);
        }
        Lead sent = leads.stream().filter(lead -> !expectedVariant("test-copy", lead).equals("holdout")).findFirst()
                .orElseThrow();
        assertThat(jdbc.queryForObject("select variant from message_attempt where idempotency_key = ?", String.class,
                sent.id() + ":test:experiment-step")).isEqualTo("experiment test-copy: variant "
                + expectedVariant("test-copy", sent));
        JsonNode timeline = api().getForObject("/api/leads/{id}/timeline", JsonNode.class, sent.id());
        assertThat(timeline.toString()).contains("EXPERIMENT_VARIANT", "experiment test-copy: variant "
                + expectedVariant("test-copy", sent));

        JsonNode report = api().getForObject("/api/experiments/test-copy", JsonNode.class);
        long assigned = 0;
        for (JsonNode variant : report.get("variants")) {
            assigned += variant.get("counts").get("assigned").asLong();
            if (variant.get("holdout").asBoolean()) {
                assertThat(variant.get("counts").get("sent").asLong()).isZero();
            }
        }
        assertThat(assigned).isGreaterThanOrEqualTo(24);
        assertThat(report.get("status").asText()).isEqualTo("running");
        assertThat(report.get("verdict").asText()).startsWith("Collecting");
    }

    @Test
    void aReplyWithinTheWindowCountsForTheLeadsVariant() {
        Lead lead;
        do {
            lead = newLead();
        } while (expectedVariant("test-copy", lead).equals("holdout"));
        send(lead, "test.experiment");
        String variant = expectedVariant("test-copy", lead);
        long before = replied("test-copy", variant);

        leadWrites(lead, "Quero saber mais");

        await().atMost(Duration.ofSeconds(20)).until(() -> replied("test-copy", variant) == before + 1);
    }

    @Test
    void promotingAWinnerEndsTheExperimentOnceAndNewSendsGetTheWinner() {
        Lead early = newLead();
        send(early, "test.promo");
        String earlyTemplate = cloudApi.templatesSentTo(early.phone()).get(0);

        assertThat(promote("test-promote", "{\"variant\":\"C\"}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(promote("test-promote", "{}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(promote("no-such-experiment", "{\"variant\":\"B\"}").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(store.endingOf("test-promote")).isEmpty();

        ResponseEntity<JsonNode> promoted = promote("test-promote", "{\"variant\":\"B\",\"reason\":\"more replies\"}");
        assertThat(promoted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(promoted.getBody().get("status").asText()).isEqualTo("ended");
        assertThat(promoted.getBody().get("ending").get("by").asText()).isEqualTo("demo");
        ResponseEntity<JsonNode> twice = promote("test-promote", "{\"variant\":\"A\"}");
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(store.endingOf("test-promote").orElseThrow().winner()).isEqualTo("B");

        for (int i = 0; i < 6; i++) {
            Lead later = newLead();
            send(later, "test.promo");
            assertThat(cloudApi.templatesSentTo(later.phone())).containsExactly("leadflow_test_promo_b");
        }
        // what was sent before stays as it was
        assertThat(cloudApi.templatesSentTo(early.phone())).containsExactly(earlyTemplate);
    }

    @Test
    void aVariantStoppedByTheGuardrailSendsTheControlToItsLeads() {
        Lead lead;
        do {
            lead = newLead();
        } while (!expectedVariant("test-guard", lead).equals("B"));
        store.stop("test-guard", "B", "guardrail", "failed, blocked or opted out: 40 % against 5 %", TEST_START);

        SendOutcome outcome = send(lead, "test.guard");

        assertThat(outcome.decision()).isEqualTo(Decision.SENT);
        assertThat(cloudApi.templatesSentTo(lead.phone())).containsExactly("leadflow_test_guard_a");
        JsonNode report = api().getForObject("/api/experiments/test-guard", JsonNode.class);
        assertThat(report.get("variants").get(1).get("stoppedByGuardrail").get("reason").asText()).contains("40 %");
    }

    @Test
    void resultsAsCsv() {
        ResponseEntity<String> csv = api().getForEntity("/api/experiments/test-copy/results.csv", String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getBody().lines().findFirst().orElseThrow()).startsWith("experiment,status,metric,variant");
        assertThat(csv.getBody().lines().skip(1)).hasSize(3);
    }

    private long replied(String experimentId, String variant) {
        JsonNode report = api().getForObject("/api/experiments/" + experimentId, JsonNode.class);
        for (JsonNode v : report.get("variants")) {
            if (v.get("name").asText().equals(variant)) {
                return v.get("counts").get("replied").asLong();
            }
        }
        throw new AssertionError("no variant " + variant);
    }

    private void leadWrites(Lead lead, String text) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> answer = api().exchange("/sandbox/api/replies", HttpMethod.POST, new HttpEntity<>(
                "{\"from\":\"" + lead.phone() + "\",\"text\":\"" + text + "\"}", headers), String.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).isTrue();
    }

    private ResponseEntity<JsonNode> promote(String experimentId, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return api().exchange("/api/experiments/" + experimentId + "/promote", HttpMethod.POST,
                new HttpEntity<>(body, headers), JsonNode.class);
    }
}
