package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * One idempotency key reaches the Cloud API at most once (docs/adr/arch-idempotency-keys-from-business-identity.md).
 */
class SendIdempotencyTest extends LeadflowIntegrationTest {

    @Autowired
    private MessagingService messaging;
    @Autowired
    private MessageLedger ledger;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void theSameKeySentAgainIsNotSentTwice() {
        createLead();
        SendCommand welcome = new SendCommand(leadId, "welcome", "welcome", "welcome", null, Map.of());

        SendOutcome first = messaging.send(welcome);
        SendOutcome second = messaging.send(welcome);

        assertThat(first.decision()).isEqualTo(SendOutcome.Decision.SENT);
        assertThat(second.decision()).isEqualTo(SendOutcome.Decision.ALREADY_SENT);
        assertThat(second.wamid()).isEqualTo(first.wamid());
        assertThat(cloudApi.received(phone)).hasSize(1);
        assertThat(cloudApi.received(phone).get(0).callbackData()).isEqualTo(leadId + ":welcome:welcome");
    }

    @Test
    void aRestartedFlowDoesNotSendTheWelcomeAgain() {
        createLead();
        engine.runDueJobs(leadId);
        String first = engine.instancesOf(leadId).get(0).getId();
        runtime.deleteProcessInstance(first, "restarted by a test");

        runtime.createMessageCorrelation("LeadCreated").processInstanceBusinessKey(leadId).correlateStartMessage();
        engine.runDueJobs(leadId);

        assertThat(cloudApi.received(phone)).hasSize(1);
    }

    @Test
    void anAnswerLostAfterAcceptanceIsReconciledByTheStatusWebhookNotResent() {
        createLead();
        cloudApi.timeOutNextSend();

        engine.runDueJobs(leadId);
        assertThat(cloudApi.received(phone)).hasSize(1);
        String key = leadId + ":welcome:welcome";
        assertThat(engine.instancesOf(leadId)).allSatisfy(instance ->
                assertThat(runtime.getActiveActivityIds(instance.getId())).containsExactly("SendWelcome"));

        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.findByKey(key).orElseThrow().status().accepted());
        // the send waits for the status until the quiet period ends, then finds it accepted
        engine.timePasses(leadId, Duration.ofMinutes(10));

        assertThat(cloudApi.received(phone)).hasSize(1);
        assertThat(ledger.findByKey(key).orElseThrow().wamid()).isEqualTo(cloudApi.received(phone).get(0).wamid());
        assertThat(ledger.findByKey(key).orElseThrow().requests()).isEqualTo(1);
        assertThat(engine.instancesOf(leadId).get(0)).isNotNull();
        assertThat(runtime.getActiveActivityIds(engine.instancesOf(leadId).get(0).getId())).contains("WaitForReply");
    }

    @Test
    void anUnreconciledAmbiguousSendIsNotRepeatedWithinTheQuietPeriod() {
        createLead();
        SendCommand welcome = new SendCommand(leadId, "welcome", "welcome", "welcome", null, Map.of());
        String key = welcome.idempotencyKey();
        // a crash right after the attempt was written: PENDING, no answer, no status
        ledger.insertPending(new MessageLedger.PendingAttempt(key, leadId, "welcome", "welcome", "welcome",
                "leadflow_welcome", "pt_BR", "marketing", "100000000000001", phone, "template"), Engine.now());

        SendOutcome waiting = messaging.send(welcome);
        assertThat(waiting.decision()).isEqualTo(SendOutcome.Decision.DEFERRED);
        assertThat(waiting.reason()).contains("unknown");
        dev.leadflow.support.Engine.setNow(Engine.now().plus(Duration.ofMinutes(11)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> messaging.send(welcome))
                .isInstanceOf(PermanentSendFailureException.class).hasMessageContaining("could duplicate");

        assertThat(cloudApi.received(phone)).isEmpty();
    }

    private void createLead() {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    /** The engine clock as the tests set it. */
    private static final class Engine {
        static java.time.Instant now() {
            return dev.leadflow.support.Engine.now();
        }
    }
}
