package dev.leadflow.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import dev.leadflow.support.TestLeads;

/** A person can send every inbound kind from the sandbox's conversation page, and Leadflow reads each one. */
class SandboxKindsTest extends WebhookTestSupport {

    @Autowired
    private InboundHistory inbound;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void everyKindTheSandboxOffersReachesTheLeadAsItsKind() {
        String welcome = leadWithWelcomeSent(leadId, phone);
        String[] kinds = api().getForObject("/sandbox/api/kinds", String[].class);
        List<String> offered = List.of(kinds);
        for (String kind : offered) {
            if (!kind.equals("user_changed_number")) {
                assertThat(api().postForEntity("/sandbox/api/kinds", jsonBody("""
                        {"from":"%s","kind":"%s","text":"see this","contextWamid":"%s"}"""
                        .formatted(phone, kind, welcome)), String.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            }
        }
        await().atMost(PATIENCE).until(() -> inbound.ofLead(leadId).size() == offered.size() - 1);
        String newPhone = TestLeads.newPhone();
        api().postForEntity("/sandbox/api/kinds", jsonBody("""
                {"from":"%s","kind":"user_changed_number","newNumber":"%s"}""".formatted(phone, newPhone)),
                String.class);
        await().atMost(PATIENCE).until(() -> inbound.ofLead(leadId).size() == offered.size());

        assertThat(inbound.ofLead(leadId)).extracting(InboundHistory.Received::kind).containsExactlyInAnyOrder(
                "IMAGE", "AUDIO", "VIDEO", "DOCUMENT", "STICKER", "LOCATION", "CONTACTS", "LIST_REPLY", "FLOW_REPLY",
                "REACTION", "REACTION_REMOVED", "ORDER", "UNSUPPORTED", "EDIT", "REVOKE", "REQUEST_WELCOME",
                "USER_ID_CHANGED", "TEXT", "UNKNOWN", "NUMBER_CHANGED");
        assertThat(api().getForEntity("/api/leads/" + leadId, String.class).getBody()).contains(newPhone);
        assertThat(api().postForEntity("/sandbox/api/kinds", jsonBody("""
                {"from":"%s","kind":"telepathy"}""".formatted(phone)), String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
