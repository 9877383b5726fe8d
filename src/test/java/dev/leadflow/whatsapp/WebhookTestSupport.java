package dev.leadflow.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.leadflow.flow.WelcomeFlow;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;
import dev.leadflow.whatsapp.sandbox.SandboxChaos;

/** Posting signed webhooks as Meta does, and reading what became of them. */
abstract class WebhookTestSupport extends LeadflowIntegrationTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(15);

    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    private WhatsAppProperties whatsApp;

    protected ResponseEntity<String> postSigned(String body) {
        return postWebhook(body, WebhookSignature.sign(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                whatsApp.appSecret()));
    }

    protected ResponseEntity<String> postWebhook(String body, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            headers.set("X-Hub-Signature-256", signature);
        }
        return http.postForEntity("/webhooks/whatsapp", new HttpEntity<>(body, headers), String.class);
    }

    /** Posts a signed delivery, expects 200, and waits until it was processed. */
    protected void deliver(String body, String marker) {
        assertThat(postSigned(body).getStatusCode()).isEqualTo(HttpStatus.OK);
        awaitOutcome(marker);
    }

    protected String awaitOutcome(String marker) {
        await().atMost(PATIENCE).until(() -> outcomes(marker).stream().noneMatch(java.util.Objects::isNull)
                && !outcomes(marker).isEmpty());
        return outcomes(marker).get(0);
    }

    /** The outcome of every stored delivery whose body contains the marker (null while pending). */
    protected List<String> outcomes(String marker) {
        return jdbc.sql("select outcome from webhook_delivery where body like ? order by id")
                .param("%" + marker + "%").query((rs, n) -> rs.getString("outcome")).list();
    }

    protected String deliveryError(String marker) {
        return jdbc.sql("select error from webhook_delivery where body like ? order by id")
                .param("%" + marker + "%").query(String.class).list().get(0);
    }

    protected long storedDeliveries(String marker) {
        return outcomes(marker).size();
    }

    /** A consented lead whose welcome went out; the fake reports no status, the test posts its own. */
    protected String leadWithWelcomeSent(String leadId, String phone) {
        cloudApi.reportStatuses(SandboxChaos.forPhone(phone).muted());
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        engine.runDueJobs(leadId);
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        return cloudApi.received(phone).get(0).wamid();
    }

    protected ProcessInstance welcomeOf(String leadId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(WelcomeFlow.PROCESS_KEY)
                .processInstanceBusinessKey(leadId).singleResult();
    }

    protected String welcomeEnd(String leadId) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(WelcomeFlow.PROCESS_KEY)
                .processInstanceBusinessKey(leadId).singleResult().getEndActivityId();
    }
}
