package dev.leadflow.whatsapp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/** The simulator accepts interactive reply-button messages, so the page can offer their buttons. */
class SandboxInteractiveMessagesTest extends LeadflowIntegrationTest {

    private final String phone = TestLeads.newPhone();

    @Test
    void anInteractiveMessageKeepsItsTextAndButtons() {
        cloudApi.reportStatuses(SandboxChaos.forPhone(phone).muted());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth("sandbox-access-token");

        var answer = http.postForEntity("/sandbox/graph/v21.0/100000000000001/messages", new HttpEntity<>("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"interactive",
                 "interactive":{"type":"button","body":{"text":"Still on for 15:00?"},
                  "action":{"buttons":[{"type":"reply","reply":{"id":"CONFIRM:mtg-1","title":"Confirm"}},
                                       {"type":"reply","reply":{"id":"RESCHEDULE:mtg-1","title":"Reschedule"}}]}}}"""
                .formatted(phone), headers), String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(cloudApi.received(phone)).singleElement().satisfies(message -> {
            assertThat(message.type()).isEqualTo("interactive");
            assertThat(message.text()).isEqualTo("Still on for 15:00?");
            assertThat(message.quickReplies()).containsExactly("CONFIRM:mtg-1", "RESCHEDULE:mtg-1");
        });
    }

    @Test
    void anInteractiveMessageWithoutBodyTextIsAnInvalidParameter() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth("sandbox-access-token");

        var answer = http.postForEntity("/sandbox/graph/v21.0/100000000000001/messages", new HttpEntity<>("""
                {"messaging_product":"whatsapp","to":"%s","type":"interactive","interactive":{"type":"button"}}"""
                .formatted(phone), headers), String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("interactive.body.text");
    }
}
