package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import dev.leadflow.messaging.SendOutcome.Decision;
import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;
import dev.leadflow.whatsapp.WebhookSignature;
import dev.leadflow.whatsapp.WhatsAppProperties;
import dev.leadflow.whatsapp.sandbox.SandboxMessage;

/**
 * The rules of the send boundary, called as a flow step calls it, against the Cloud API fake: the
 * 24-hour window, frequency caps, Meta's per-recipient refusals, unknown outcomes and failures reported
 * late. Each test counts the requests the fake received: nothing goes out twice unless a policy says so.
 */
class MessagingRulesTest extends LeadflowIntegrationTest {

    @Autowired
    private MessagingService messaging;
    @Autowired
    private RecipientDirectory recipients;
    @Autowired
    private MessageLedger ledger;
    @Autowired
    private WhatsAppProperties whatsApp;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @BeforeEach
    void consentedLead() {
        // the lead's welcome flow starts but its job is never run here: these tests send directly
        assertThat(putLead(leadId, TestLeads.leadJsonIn(phone, "America/Sao_Paulo")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void insideTheWindowAStepWithATextVariantSendsFreeFormText() {
        leadWrites("Oi, tudo bem?");

        SendOutcome outcome = send("check-in", "test.utility");

        assertThat(outcome.decision()).isEqualTo(Decision.SENT);
        assertThat(outcome.reason()).contains("free-form text inside the 24-hour window");
        assertThat(cloudApi.received(phone)).singleElement().satisfies(message -> {
            assertThat(message.type()).isEqualTo("text");
            assertThat(message.text()).isEqualTo("Oi Ana, tudo certo para amanhã?");
        });
    }

    @Test
    void outsideTheWindowOnlyTheTemplateGoes() {
        SendOutcome outcome = send("check-in", "test.utility");

        assertThat(outcome.decision()).isEqualTo(Decision.SENT);
        assertThat(cloudApi.received(phone)).extracting(SandboxMessage::type).containsExactly("template");
    }

    @Test
    void aRefusedFreeFormText131047FallsBackToTheTemplateOnce() {
        leadWrites("Oi");
        cloudApi.failNextSends(131047, 1);

        SendOutcome outcome = send("check-in", "test.utility");

        assertThat(outcome.decision()).isEqualTo(Decision.SENT);
        assertThat(cloudApi.requests(phone)).isEqualTo(2);
        assertThat(cloudApi.received(phone)).singleElement().satisfies(message -> {
            assertThat(message.type()).isEqualTo("template");
            assertThat(message.templateName()).isEqualTo("leadflow_test_utility");
        });
        assertThat(ledger.findByKey(leadId + ":test:check-in").orElseThrow().requests()).isEqualTo(2);
    }

    @Test
    void theFrequencyCapDefersTheThirdMarketingMessageOfTheDay() {
        Instant start = Engine.now();
        assertThat(send("promo-1", "test.marketing").decision()).isEqualTo(Decision.SENT);
        assertThat(send("promo-2", "test.marketing").decision()).isEqualTo(Decision.SENT);

        SendOutcome third = send("promo-3", "test.marketing");

        assertThat(third.decision()).isEqualTo(Decision.DEFERRED);
        assertThat(third.deferredUntil()).isEqualTo(start.plus(Duration.ofHours(24)));
        assertThat(third.reason()).startsWith("frequency cap: 2 marketing message(s)");
        assertThat(send("reminder", "test.utility").decision()).as("utility has its own cap").isEqualTo(Decision.SENT);
        assertThat(cloudApi.requests(phone)).isEqualTo(3);

        Engine.setNow(third.deferredUntil());
        assertThat(send("promo-3", "test.marketing").decision()).isEqualTo(Decision.SENT);
        assertThat(cloudApi.requests(phone)).isEqualTo(4);
    }

    @Test
    void theMarketingLimit131049WaitsHoursThenSends() {
        cloudApi.failNextSends(131049, 1);

        SendOutcome outcome = send("promo", "test.marketing");

        assertThat(outcome.decision()).isEqualTo(Decision.DEFERRED);
        assertThat(outcome.deferredUntil()).isEqualTo(Engine.now().plus(Duration.ofHours(1)));
        assertThat(outcome.reason()).contains("131049");
        assertThat(send("other-promo", "test.marketing").decision()).as("the lead's marketing waits as a whole")
                .isEqualTo(Decision.DEFERRED);
        assertThat(cloudApi.requests(phone)).isEqualTo(1);

        Engine.setNow(outcome.deferredUntil());
        assertThat(send("promo", "test.marketing").decision()).isEqualTo(Decision.SENT);
        assertThat(cloudApi.requests(phone)).isEqualTo(2);
        assertThat(cloudApi.received(phone)).hasSize(1);
    }

    @Test
    void aMarketingStop131050SkipsMarketingUntilTheLeadOptsIn() {
        cloudApi.failNextSends(131050, 1);

        SendOutcome refused = send("promo-1", "test.marketing");

        assertThat(refused.decision()).isEqualTo(Decision.SKIPPED);
        assertThat(recipients.find(leadId).orElseThrow().marketingStopped()).isTrue();
        assertThat(send("promo-2", "test.marketing").decision()).isEqualTo(Decision.SKIPPED);
        assertThat(send("reminder", "test.utility").decision()).isEqualTo(Decision.SENT);
        assertThat(cloudApi.requests(phone)).isEqualTo(2);

        assertThat(postEvent(leadId, """
                {"eventId":"%s-optin","type":"OPTED_IN","occurredAt":"2026-03-04T15:05:00Z"}"""
                .formatted(leadId)).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        assertThat(send("promo-3", "test.marketing").decision()).isEqualTo(Decision.SENT);
        assertThat(cloudApi.requests(phone)).isEqualTo(3);
    }

    @Test
    void anUnknownOutcomeOfAUtilityMessageIsSentOnceMoreThenHandedToOps() {
        cloudApi.timeOutNextSendWithoutStatus();
        SendOutcome lost = send("reminder", "test.utility");
        assertThat(lost.decision()).isEqualTo(Decision.DEFERRED);
        assertThat(lost.deferredUntil()).isEqualTo(Engine.now().plus(Duration.ofMinutes(10)));

        Engine.setNow(Engine.now().plus(Duration.ofMinutes(9)));
        assertThat(send("reminder", "test.utility").decision()).as("still waiting for a status")
                .isEqualTo(Decision.DEFERRED);
        assertThat(cloudApi.requests(phone)).isEqualTo(1);

        Engine.setNow(lost.deferredUntil());
        cloudApi.timeOutNextSendWithoutStatus();
        assertThat(send("reminder", "test.utility").decision()).isEqualTo(Decision.DEFERRED);
        assertThat(cloudApi.requests(phone)).as("the utility policy sends it once more").isEqualTo(2);

        Engine.setNow(Engine.now().plus(Duration.ofMinutes(10)));
        assertThatThrownBy(() -> send("reminder", "test.utility"))
                .isInstanceOf(PermanentSendFailureException.class)
                .hasMessageContaining("already sent 2 times").hasMessageContaining("hand to ops");
        assertThat(cloudApi.requests(phone)).as("never a third time").isEqualTo(2);
    }

    @Test
    void aPausedTemplate132015HoldsItsSendsUntilAProbeGetsThrough() {
        String otherLead = TestLeads.newLeadId();
        String otherPhone = TestLeads.newPhone();
        putLead(otherLead, TestLeads.leadJsonIn(otherPhone, "America/Sao_Paulo"));
        cloudApi.failNextSends(132015, 1);

        assertThatThrownBy(() -> send("paused", "test.paused")).isInstanceOf(PermanentSendFailureException.class)
                .hasMessageContaining("132015");
        SendOutcome held = messaging.send(new SendCommand(otherLead, "test", "paused", "test.paused", null, Map.of()));

        assertThat(held.decision()).isEqualTo(Decision.DEFERRED);
        assertThat(held.reason()).startsWith("template leadflow_test_paused is paused");
        assertThat(cloudApi.requests(otherPhone)).isZero();

        Engine.setNow(held.deferredUntil());
        assertThat(messaging.send(new SendCommand(otherLead, "test", "paused", "test.paused", null, Map.of()))
                .decision()).isEqualTo(Decision.SENT);
        assertThat(cloudApi.requests(otherPhone)).isEqualTo(1);
        assertThat(cloudApi.requests(phone)).isEqualTo(1);
    }

    @Test
    void failuresReportedLateByWebhookTeachTheNextSends() {
        SendOutcome promo = send("promo", "test.marketing");
        failedStatus(promo.wamid(), 131050);
        await().atMost(Duration.ofSeconds(10)).until(() -> recipients.find(leadId).orElseThrow().marketingStopped());

        assertThat(send("promo-2", "test.marketing").decision()).isEqualTo(Decision.SKIPPED);

        SendOutcome reminder = send("reminder", "test.utility");
        failedStatus(reminder.wamid(), 131026);
        await().atMost(Duration.ofSeconds(10)).until(() -> recipients.find(leadId).orElseThrow().undeliverable());

        SendOutcome next = send("reminder-2", "test.utility");
        assertThat(next.decision()).isEqualTo(Decision.SKIPPED);
        assertThat(next.reason()).contains("cannot receive WhatsApp messages");
        assertThat(cloudApi.requests(phone)).isEqualTo(2);
    }

    private SendOutcome send(String step, String templateKey) {
        return messaging.send(new SendCommand(leadId, "test", step, templateKey, null, Map.of()));
    }

    /** The lead writes on WhatsApp: its 24-hour window opens. */
    private void leadWrites(String text) {
        api().postForEntity("/sandbox/api/replies", jsonBody("""
                {"from":"%s","text":"%s"}""".formatted(phone, text)), String.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> recipients.find(leadId).orElseThrow().lastInboundAt() != null);
    }

    /** Meta reports, later, that an accepted message failed. */
    private void failedStatus(String wamid, int code) {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                 "phone_number_id":"%s"},"statuses":[{"id":"%s","status":"failed","timestamp":"%d",
                 "recipient_id":"%s","errors":[{"code":%d,"title":"Failed later"}]}]}}]}]}"""
                .formatted(whatsApp.phoneNumberId(), wamid, Engine.now().getEpochSecond() + 1, phone.substring(1), code);
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Hub-Signature-256", WebhookSignature.sign(raw, whatsApp.appSecret()));
        assertThat(http.postForEntity("/webhooks/whatsapp", new HttpEntity<>(raw, headers), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
