package dev.leadflow.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.leadflow.support.LeadflowIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;

/** contract.md, "WhatsApp webhook": the handshake and the signature on the raw bytes. */
class WebhookSecurityTest extends LeadflowIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    private static final String APP_SECRET = "sandbox-app-secret";
    private static final String STATUS = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
             "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"1"},
             "statuses":[{"id":"wamid.unknown-1","status":"delivered","timestamp":"1750030073","recipient_id":"16505551234"}]}}]}]}""";

    @Test
    void theVerificationHandshakeEchoesTheChallengeOnlyForOurToken() {
        ResponseEntity<String> ok = http.getForEntity(
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=sandbox-verify-token&hub.challenge=1158201444",
                String.class);
        ResponseEntity<String> wrong = http.getForEntity(
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444", String.class);

        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ok.getBody()).isEqualTo("1158201444");
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aMissingSignatureIsRefused() {
        assertThat(post(STATUS, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aWrongSignatureIsRefused() {
        assertThat(post(STATUS, WebhookSignature.sign(bytes(STATUS), "not-the-secret")).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post(STATUS, "sha256=zz").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aRightSignatureOverAnAlteredBodyIsRefused() {
        String signature = WebhookSignature.sign(bytes(STATUS), APP_SECRET);
        String altered = STATUS.replace("delivered", "read");

        ResponseEntity<String> response = post(altered, signature);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    }

    @Test
    void theSignatureIsCheckedOnTheRawBytesNotOnReserialisedJson() {
        String spaced = STATUS.replace(",", " ,  ");

        assertThat(post(spaced, WebhookSignature.sign(bytes(spaced), APP_SECRET)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void deliveriesAreMeasuredUnderTheWebhooksPath() {
        post(STATUS, WebhookSignature.sign(bytes(STATUS), APP_SECRET));
        post(STATUS, null);

        // the request is measured once its answer is written: the client may read it a moment before
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meters.find("http.server.requests").tags("uri", "/webhooks/whatsapp", "status", "200")
                    .timer()).isNotNull();
            assertThat(meters.find("http.server.requests").tags("uri", "/webhooks/whatsapp", "status", "401")
                    .timer()).isNotNull();
        });
    }

    @Test
    void aDeliveryIsJudgedByItsSignatureAloneNotByCredentialsSentAlong() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Hub-Signature-256", WebhookSignature.sign(bytes(STATUS), APP_SECRET));
        headers.setBasicAuth("someone", "wrong-password");

        ResponseEntity<String> answer = http.postForEntity("/webhooks/whatsapp",
                new HttpEntity<>(bytes(STATUS), headers), String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().get("WWW-Authenticate")).isNull();
    }

    @Test
    void aSignedBodyThatIsNotJsonIsABadRequest() {
        String garbage = "this is not json";

        assertThat(post(garbage, WebhookSignature.sign(bytes(garbage), APP_SECRET)).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private ResponseEntity<String> post(String body, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            headers.set("X-Hub-Signature-256", signature);
        }
        return http.postForEntity("/webhooks/whatsapp", new HttpEntity<>(bytes(body), headers), String.class);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
