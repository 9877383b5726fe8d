package dev.leadflow.whatsapp;

import static dev.leadflow.support.WebhookFixtures.change;
import static dev.leadflow.support.WebhookFixtures.messagesChange;
import static dev.leadflow.support.WebhookFixtures.newWamid;
import static dev.leadflow.support.WebhookFixtures.payload;
import static dev.leadflow.support.WebhookFixtures.status;
import static dev.leadflow.support.WebhookFixtures.statusesChange;
import static dev.leadflow.support.WebhookFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import dev.leadflow.flow.WelcomeFlow;
import dev.leadflow.support.TestLeads;

/** Store first, process after: what is stored, what is refused, and that nothing stored is lost. */
class WebhookIngestionTest extends WebhookTestSupport {

    @Autowired
    private WebhookIngestion ingestion;
    @Autowired
    private WebhookDeliveries deliveries;
    @Autowired
    private ProcessedMarks processedMarks;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void aMissingSignatureIsRefusedAndNothingIsStored() {
        String wamid = newWamid();
        String body = payload(messagesChange(List.of(text(wamid, phone, TEST_START, "hi"))));

        assertThat(postWebhook(body, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(storedDeliveries(wamid)).isZero();
    }

    @Test
    void aWrongSignatureIsRefusedAndNothingIsStored() {
        String wamid = newWamid();
        String body = payload(messagesChange(List.of(text(wamid, phone, TEST_START, "hi"))));

        assertThat(postWebhook(body, "sha256=" + "ab".repeat(32)).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(postWebhook(body, "not-a-signature").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(postWebhook(body, WebhookSignature.sign(body.getBytes(), "another-secret")).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(storedDeliveries(wamid)).isZero();
    }

    @Test
    void theRightSignatureOverAnAlteredBodyIsRefused() {
        String wamid = newWamid();
        String signed = payload(messagesChange(List.of(text(wamid, phone, TEST_START, "hi"))));
        String altered = signed.replace("\"hi\"", "\"STOP\"");
        String signature = WebhookSignature.sign(signed.getBytes(), "sandbox-app-secret");

        assertThat(postWebhook(altered, signature).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // the same bytes re-serialised (here: with a space) do not match either
        assertThat(postWebhook(signed.replace(",", ", "), signature).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(storedDeliveries(wamid)).isZero();
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequestAndIsNotStored() {
        String marker = newWamid();

        assertThat(postSigned("id=" + marker).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(postSigned("{\"object\":\"" + marker + "\"").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(postSigned("{\"object\":\"" + marker + "\"} trailing").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(postSigned("").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(storedDeliveries(marker)).isZero();
    }

    @Test
    void validJsonThatIsNotUnderstoodIsStoredAndReported() {
        String marker = newWamid();

        assertThat(postSigned("{\"object\":\"page\",\"entry\":[{\"id\":\"" + marker + "\"}]}").getStatusCode())
                .isEqualTo(HttpStatus.OK);

        assertThat(awaitOutcome(marker)).isEqualTo("NOT_UNDERSTOOD");
        assertThat(deliveryError(marker)).contains("not a WhatsApp Business Account notification");
    }

    @Test
    void whatIsUnderstoodInAPartlyUnderstoodDeliveryIsApplied() {
        String wamid = newWamid();
        String body = payload(
                change("account_alerts", Map.of("entity_id", "1")),
                messagesChange(List.of(text(wamid, phone, TEST_START, "hello"))));

        deliver(body, wamid);

        assertThat(outcomes(wamid)).containsExactly("NOT_UNDERSTOOD");
        assertThat(deliveryError(wamid)).contains("change field 'account_alerts'");
        assertThat(jdbc.sql("select count(*) from inbound_message where wamid = ?").param(wamid)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aDeliveryStoredBeforeACrashIsProcessedByTheSweeper() {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);
        String wamid = newWamid();
        // stored, never processed: the node died between the insert and its worker
        jdbc.sql("""
                        insert into webhook_delivery (received_at, body, attempts, next_attempt_at)
                        values (?, ?, 1, ?)""")
                .params(Instant.now().atOffset(ZoneOffset.UTC),
                        payload(messagesChange(List.of(text(wamid, phone, TEST_START.plusSeconds(60), "sim")))),
                        Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC))
                .update();

        ingestion.sweep();

        await().atMost(PATIENCE).until(() -> welcomeOf(leadId) == null);
        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
        assertThat(outcomes(wamid)).containsExactly("PROCESSED");
    }

    @Test
    void aDeliveryIsClaimedByOneWorkerOnlyEvenWhenTwoSweepAtOnce() throws Exception {
        String marker = newWamid();
        // due since long ago, so that sweeping "as of then" sees this row and no other test's
        Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
        jdbc.sql("insert into webhook_delivery (received_at, body, attempts, next_attempt_at) values (?, ?, 1, ?)")
                .params(longAgo.atOffset(ZoneOffset.UTC), "{\"object\":\"" + marker + "\"}",
                        longAgo.atOffset(ZoneOffset.UTC))
                .update();
        long id = jdbc.sql("select id from webhook_delivery where body like ?").param("%" + marker + "%")
                .query(Long.class).single();
        Instant lease = Instant.now().plusSeconds(300);

        ExecutorService sweepers = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<List<WebhookDeliveries.Claimed>> sweep = () -> {
                start.await();
                return deliveries.claimDue(longAgo.plusSeconds(1), 10, lease);
            };
            Future<List<WebhookDeliveries.Claimed>> one = sweepers.submit(sweep);
            Future<List<WebhookDeliveries.Claimed>> two = sweepers.submit(sweep);
            start.countDown();

            // the scheduled sweeper may take part in the race too: whoever wins, the row is claimed once
            assertThat(Stream.concat(one.get().stream(), two.get().stream()).map(WebhookDeliveries.Claimed::id))
                    .hasSizeLessThanOrEqualTo(1).allMatch(claimed -> claimed == id);
        } finally {
            sweepers.shutdownNow();
        }
        // stored as attempt 1 (its first worker never came), taken once more
        assertThat(jdbc.sql("select attempts from webhook_delivery where id = ?").param(id).query(Integer.class)
                .single()).isEqualTo(2);
        assertThat(deliveries.claimDue(longAgo.plusSeconds(1), 10, lease)).isEmpty();
        assertThat(deliveries.extendFirstClaim(id, lease)).isFalse();
        deliveries.finish(id, WebhookDeliveries.Outcome.NOT_UNDERSTOOD, "test row", Instant.now());
    }

    @Test
    void theSweeperRunsOnItsOwn() {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);
        String wamid = newWamid();
        jdbc.sql("insert into webhook_delivery (received_at, body, attempts, next_attempt_at) values (?, ?, 1, ?)")
                .params(Instant.now().atOffset(ZoneOffset.UTC),
                        payload(messagesChange(List.of(text(wamid, phone, TEST_START.plusSeconds(60), "sim")))),
                        Instant.now().atOffset(ZoneOffset.UTC))
                .update();

        assertThat(awaitOutcome(wamid)).isEqualTo("PROCESSED");
        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
    }

    @Test
    void statusesPostedAtOnceAndRepeatedAreEachAppliedOnce() throws Exception {
        String wamid = leadWithWelcomeSent(leadId, phone);
        List<String> bodies = Stream.of("sent", "delivered", "read")
                .map(status -> payload(statusesChange(List.of(status(wamid, status, TEST_START.plusSeconds(
                        List.of("sent", "delivered", "read").indexOf(status) + 1), phone)))))
                .toList();
        ExecutorService meta = Executors.newFixedThreadPool(9);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpStatus>> answers = new java.util.ArrayList<>();
            for (int copy = 0; copy < 3; copy++) {
                for (String body : bodies) {
                    answers.add(meta.submit(() -> {
                        start.await();
                        return HttpStatus.valueOf(postSigned(body).getStatusCode().value());
                    }));
                }
            }
            start.countDown();
            for (Future<HttpStatus> answer : answers) {
                assertThat(answer.get()).isEqualTo(HttpStatus.OK);
            }
        } finally {
            meta.shutdownNow();
        }

        await().atMost(PATIENCE).until(() -> outcomes(wamid).size() == 9
                && outcomes(wamid).stream().allMatch("PROCESSED"::equals));
        assertThat(jdbc.sql("select status from message_attempt where wamid = ?").param(wamid).query(String.class)
                .single()).isEqualTo("READ");
        assertThat(jdbc.sql("select status from message_status_event where wamid = ? order by occurred_at")
                .param(wamid).query(String.class).list()).containsExactly("SENT", "DELIVERED", "READ");
    }

    @Test
    void processedDeliveriesAreMarkedByOneUpdateThatLeavesAnyOtherOutcomeAlone() {
        Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
        String marker = newWamid();
        List<Long> ids = Stream.of("processed-1", "processed-2", "finished-otherwise").map(name -> {
            jdbc.sql("insert into webhook_delivery (received_at, body, attempts, next_attempt_at) values (?, ?, 1, ?)")
                    .params(longAgo.atOffset(ZoneOffset.UTC), "{\"object\":\"" + marker + name + "\"}",
                            Instant.now().plusSeconds(600).atOffset(ZoneOffset.UTC))
                    .update();
            return jdbc.sql("select id from webhook_delivery where body like ?").param("%" + marker + name + "%")
                    .query(Long.class).single();
        }).toList();
        deliveries.finish(ids.get(2), WebhookDeliveries.Outcome.NOT_UNDERSTOOD, "test row", Instant.now());

        ids.forEach(processedMarks::add);
        processedMarks.mark();

        // the marker's own thread may have taken the batch first: it commits within a moment
        await().atMost(PATIENCE).until(() -> !outcomes(marker).contains(null));
        assertThat(outcomes(marker)).containsExactlyInAnyOrder("PROCESSED", "PROCESSED", "NOT_UNDERSTOOD");
        assertThat(jdbc.sql("select count(*) from webhook_delivery where body like ? and processed_at is null")
                .param("%" + marker + "%").query(Long.class).single()).isZero();
    }

    @Test
    void aDeliveryProcessedButNotYetMarkedWhenItsNodeStoppedIsTakenAgainWithoutASecondEffect() {
        String wamid = leadWithWelcomeSent(leadId, phone);
        String body = payload(statusesChange(List.of(status(wamid, "delivered", TEST_START.plusSeconds(2), phone))));
        deliver(body, wamid);
        // the same delivery, processed by a node that stopped before its mark: still claimed, its grace over
        jdbc.sql("insert into webhook_delivery (received_at, body, attempts, next_attempt_at) values (?, ?, 1, ?)")
                .params(Instant.now().atOffset(ZoneOffset.UTC), body,
                        Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC))
                .update();

        ingestion.sweep();

        await().atMost(PATIENCE).until(() -> outcomes(wamid).equals(List.of("PROCESSED", "PROCESSED")));
        assertThat(jdbc.sql("select count(*) from message_status_event where wamid = ? and status = 'DELIVERED'")
                .param(wamid).query(Long.class).single()).isEqualTo(1);
    }
}
