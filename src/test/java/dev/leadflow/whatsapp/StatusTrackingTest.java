package dev.leadflow.whatsapp;

import static dev.leadflow.support.WebhookFixtures.entries;
import static dev.leadflow.support.WebhookFixtures.failed;
import static dev.leadflow.support.WebhookFixtures.messagesChange;
import static dev.leadflow.support.WebhookFixtures.newWamid;
import static dev.leadflow.support.WebhookFixtures.payload;
import static dev.leadflow.support.WebhookFixtures.status;
import static dev.leadflow.support.WebhookFixtures.statusesChange;
import static dev.leadflow.support.WebhookFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.leadflow.messaging.AttemptStatus;
import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.messaging.MessageLedger;
import dev.leadflow.messaging.MessageStatusChanged;
import dev.leadflow.support.TestLeads;
import dev.leadflow.whatsapp.sandbox.SandboxChaos;

/** Statuses move each attempt forward only, once per (wamid, status), whatever Meta's order and repeats. */
class StatusTrackingTest extends WebhookTestSupport {

    @Autowired
    private MessageLedger ledger;
    @Autowired
    private ConfigurableApplicationContext context;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void sentDeliveredAndReadAreRecordedWithThePricingCategory() {
        String wamid = leadWithWelcomeSent(leadId, phone);

        deliverEach(inOrder(wamid, phone), wamid);

        MessageAttempt attempt = ledger.findByWamid(wamid).orElseThrow();
        assertThat(attempt.status()).isEqualTo(AttemptStatus.READ);
        assertThat(attempt.pricingCategory()).isEqualTo("utility");
        assertThat(attempt.statusAt()).isEqualTo(TEST_START.plusSeconds(3));
        assertThat(statusesOf(messages(leadId).get(0))).containsExactly("SENT", "DELIVERED", "READ");
    }

    @Test
    void theSameWebhooksThreeTimesInReverseOrderLeaveTheSameStateAsOnceInOrder() {
        String inOrderWamid = leadWithWelcomeSent(leadId, phone);
        String otherLead = TestLeads.newLeadId();
        String otherPhone = TestLeads.newPhone();
        String reversedWamid = leadWithWelcomeSent(otherLead, otherPhone);

        deliverEach(inOrder(inOrderWamid, phone), inOrderWamid);
        List<String> reversed = new ArrayList<>(inOrder(reversedWamid, otherPhone));
        Collections.reverse(reversed);
        List<String> threeTimes = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            threeTimes.addAll(reversed);
        }
        deliverEach(threeTimes, reversedWamid);

        Map<String, Object> once = withoutIdentity(messages(leadId).get(0));
        Map<String, Object> thrice = withoutIdentity(messages(otherLead).get(0));
        assertThat(thrice).isEqualTo(once);
        assertThat(once).containsEntry("status", "READ");
        assertThat(jdbc.sql("select count(*) from message_status_event where wamid = ?").param(reversedWamid)
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void deliveredMayNeverComeAndALateSentDoesNotGoBack() {
        String wamid = leadWithWelcomeSent(leadId, phone);

        deliverEach(List.of(payload(statusesChange(List.of(status(wamid, "read", TEST_START.plusSeconds(5), phone)))),
                payload(statusesChange(List.of(status(wamid, "sent", TEST_START.plusSeconds(1), phone))))), wamid);

        assertThat(ledger.findByWamid(wamid).orElseThrow().status()).isEqualTo(AttemptStatus.READ);
        assertThat(statusesOf(messages(leadId).get(0))).containsExactly("SENT", "READ");
    }

    @Test
    void aFailedStatusCarriesItsErrorCodeToTheMessagingRules() {
        String wamid = leadWithWelcomeSent(leadId, phone);
        List<MessageStatusChanged> published = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<MessageStatusChanged>> rules = event -> published.add(
                event.getPayload());
        context.addApplicationListener(rules);
        try {
            deliver(payload(statusesChange(List.of(status(wamid, "sent", TEST_START.plusSeconds(1), phone),
                    failed(wamid, TEST_START.plusSeconds(2), phone, 131026, "Message undeliverable")))), wamid);
        } finally {
            context.removeApplicationListener(rules);
        }

        MessageAttempt attempt = ledger.findByWamid(wamid).orElseThrow();
        assertThat(attempt.status()).isEqualTo(AttemptStatus.FAILED);
        assertThat(attempt.errorCode()).isEqualTo(131026);
        assertThat(attempt.errorDetail()).isEqualTo("Message undeliverable - details of 131026");
        assertThat(published).filteredOn(event -> event.report().wamid().equals(wamid))
                .extracting(event -> event.report().status(), event -> event.report().errorCode())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AttemptStatus.SENT, null),
                        org.assertj.core.groups.Tuple.tuple(AttemptStatus.FAILED, 131026));
        Map<String, Object> failedStatus = messages(leadId).get(0).statuses().get(1);
        assertThat(failedStatus).containsEntry("status", "FAILED").containsEntry("errorCode", 131026);
    }

    @Test
    void aBatchOfStatusesAndMessagesForSeveralLeadsIsAppliedWhole() {
        String wamid = leadWithWelcomeSent(leadId, phone);
        String otherLead = TestLeads.newLeadId();
        String otherPhone = TestLeads.newPhone();
        String otherWamid = leadWithWelcomeSent(otherLead, otherPhone);
        String reply = newWamid();

        deliver(entries(List.of(
                List.of(statusesChange(List.of(status(wamid, "sent", TEST_START.plusSeconds(1), phone),
                                status(otherWamid, "sent", TEST_START.plusSeconds(1), otherPhone))),
                        statusesChange(List.of(status(wamid, "delivered", TEST_START.plusSeconds(2), phone)))),
                List.of(messagesChange(List.of(text(reply, otherPhone, TEST_START.plusSeconds(3), "ok"))),
                        statusesChange(List.of(status(otherWamid, "read", TEST_START.plusSeconds(4), otherPhone)))))),
                reply);

        assertThat(ledger.findByWamid(wamid).orElseThrow().status()).isEqualTo(AttemptStatus.DELIVERED);
        assertThat(ledger.findByWamid(otherWamid).orElseThrow().status()).isEqualTo(AttemptStatus.READ);
        assertThat(welcomeOf(otherLead)).isNull();
        assertThat(welcomeOf(leadId)).isNotNull();
    }

    @Test
    void theSandboxReportsLateDuplicatedReversedStatusesAndTheLedgerStaysRight() {
        cloudApi.reportStatuses(SandboxChaos.forPhone(phone).reversed().duplicated(2)
                .late(java.time.Duration.ofMillis(200)));
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);
        String wamid = cloudApi.received(phone).get(0).wamid();

        await().atMost(PATIENCE).until(() -> outcomes(wamid).size() == 9 && !outcomes(wamid).contains(null));

        assertThat(ledger.findByWamid(wamid).orElseThrow().status()).isEqualTo(AttemptStatus.READ);
        assertThat(statusesOf(messages(leadId).get(0))).containsExactly("SENT", "DELIVERED", "READ");
    }

    @Test
    void theSandboxFailsAnAcceptedMessageOnDemand() {
        cloudApi.reportStatuses(SandboxChaos.forPhone(phone).failingWith(131049).batched());
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);
        String wamid = cloudApi.received(phone).get(0).wamid();

        await().atMost(PATIENCE).until(() -> ledger.findByWamid(wamid).orElseThrow().status() == AttemptStatus.FAILED);

        assertThat(ledger.findByWamid(wamid).orElseThrow().errorCode()).isEqualTo(131049);
        assertThat(outcomes(wamid)).hasSize(1);
    }

    @Test
    void theChaosSettingIsPartOfTheSandboxApi() {
        assertThat(api().postForEntity("/sandbox/api/chaos", jsonBody("""
                {"phone":"%s","reverse":true,"duplicates":1,"delay":"PT1S"}""".formatted(phone)), Void.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api().postForEntity("/sandbox/api/chaos", jsonBody("""
                {"phone":"%s","duplicates":-1}""".formatted(phone)), Void.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(api().getForObject("/sandbox/api/chaos", String.class)).contains(phone).contains("\"reverse\":true");
        cloudApi.reportStatuses(SandboxChaos.forPhone(phone));
    }

    @Test
    void theMessagesOfAnUnknownLeadAreNotFoundAndTheEndpointNeedsCredentials() {
        assertThat(api().getForEntity("/api/leads/no-such-lead/messages", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/api/leads/" + leadId + "/messages", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** sent, delivered, read of one message, each its own delivery, one second apart. */
    private static List<String> inOrder(String wamid, String recipient) {
        return List.of(
                payload(statusesChange(List.of(status(wamid, "sent", TEST_START.plusSeconds(1), recipient)))),
                payload(statusesChange(List.of(status(wamid, "delivered", TEST_START.plusSeconds(2), recipient)))),
                payload(statusesChange(List.of(status(wamid, "read", TEST_START.plusSeconds(3), recipient)))));
    }

    /** Posts the deliveries one after the other, each once the one before was processed: a strict order. */
    private void deliverEach(List<String> bodies, String wamid) {
        int before = outcomes(wamid).size();
        for (int i = 0; i < bodies.size(); i++) {
            assertThat(postSigned(bodies.get(i)).getStatusCode()).isEqualTo(HttpStatus.OK);
            int expected = before + i + 1;
            await().atMost(PATIENCE).until(() -> outcomes(wamid).size() == expected
                    && outcomes(wamid).stream().allMatch("PROCESSED"::equals));
        }
    }

    record Message(String status, List<Map<String, Object>> statuses, Map<String, Object> all) {
    }

    private List<Message> messages(String lead) {
        ResponseEntity<List<Map<String, Object>>> response = api().exchange("/api/leads/" + lead + "/messages",
                HttpMethod.GET, null, new ParameterizedTypeReference<>() { });
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody().stream().map(m -> new Message((String) m.get("status"),
                castList(m.get("statuses")), m)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static List<String> statusesOf(Message message) {
        return message.statuses().stream().map(s -> (String) s.get("status")).toList();
    }

    /** The state of an attempt, without what differs between two leads (keys, ids, creation times). */
    private static Map<String, Object> withoutIdentity(Message message) {
        Map<String, Object> state = new java.util.TreeMap<>(message.all());
        List.of("id", "idempotencyKey", "stepKey", "wamid", "createdAt", "updatedAt").forEach(state::remove);
        return state;
    }
}
