package dev.leadflow.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;
import dev.leadflow.whatsapp.WebhookSignature;

/**
 * A fuzz pass over the CRM API and the webhook: random and malformed JSON, wrong types, huge bodies,
 * injection strings, invalid phones, unknown meetings and leads, events out of order. Every request is
 * answered with a clear 4xx or accepted; never a 5xx, never a stack trace, never a partial write.
 */
class BadInputFuzzTest extends LeadflowIntegrationTest {

    private static final long SEED = 20261127L;
    private static final String[] NASTY = {
            "'; drop table lead; --", "\" or 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "#{7*7}", "../../etc/passwd", "\u0000", "\uD83D\uDE00", "%s%s%s%n", "null", "[]", "{}", "-1",
            "99999999999999999999999999", "1e309", "NaN", " ", "\t\n", "é".repeat(300)};
    private static final String[] FIELDS = {"phone", "name", "locale", "timezone", "status", "consent", "owner",
            "source", "attributes", "eventId", "type", "occurredAt", "meeting", "extra"};

    private final Random random = new Random(SEED);

    @Test
    void randomLeadBodiesAreAnsweredWithA4xxOrAcceptedAndRejectedOnesWriteNothing() {
        for (int i = 0; i < 80; i++) {
            String leadId = TestLeads.newLeadId();
            String body = randomBody();
            ResponseEntity<String> answer = putLead(leadId, body);
            assertClear(answer, body);
            if (answer.getStatusCode().is4xxClientError()) {
                assertThat(api().getForEntity("/api/leads/" + leadId, String.class).getStatusCode())
                        .as("a rejected request must write nothing: %s", body).isEqualTo(HttpStatus.NOT_FOUND);
                assertThat(engine.instancesOf(leadId)).isEmpty();
            }
        }
    }

    @Test
    void randomEventBodiesForAKnownLeadNeverFailOnTheServer() {
        String leadId = TestLeads.newLeadId();
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), false));
        for (int i = 0; i < 80; i++) {
            String body = random.nextBoolean() ? randomBody() : randomEvent();
            assertClear(postEvent(leadId, body), body);
        }
    }

    @Test
    void eventsForUnknownLeadsAndMeetingsAndOutOfOrderAreAnsweredClearly() {
        String unknownLead = TestLeads.newLeadId();
        assertThat(postEvent(unknownLead, """
                {"eventId":"e-%s","type":"MEETING_CANCELLED","meeting":{"id":"mtg-never"}}""".formatted(unknownLead))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        String leadId = TestLeads.newLeadId();
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true));
        for (String type : new String[] {"MEETING_CANCELLED", "MEETING_NO_SHOW", "MEETING_COMPLETED",
                "MEETING_RESCHEDULED", "DEAL_WON", "OPTED_IN", "DEAL_LOST", "MEETING_BOOKED"}) {
            String body = """
                    {"eventId":"e-%s-%s","type":"%s","occurredAt":"2026-03-04T15:00:00Z",
                     "meeting":{"id":"mtg-unknown-%s","startsAt":"2026-03-10T15:00:00Z"}}"""
                    .formatted(leadId, type, type, leadId);
            assertClear(postEvent(leadId, body), body);
        }
    }

    @Test
    void hugeBodiesAreRefusedWithoutReadingThemWhole() {
        String huge = "{\"phone\":\"" + "9".repeat(1_000_000) + "\"}";
        ResponseEntity<String> answer = putLead(TestLeads.newLeadId(), huge);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertClear(answer, "huge");
    }

    @Test
    void randomSignedAndUnsignedWebhookBodiesNeverFailOnTheServer() {
        for (int i = 0; i < 80; i++) {
            String body = i % 3 == 0 ? randomBody() : randomWebhook();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            if (i % 5 != 0) {
                headers.set("X-Hub-Signature-256", WebhookSignature.sign(bytes, "sandbox-app-secret"));
            }
            ResponseEntity<String> answer = http.postForEntity("/webhooks/whatsapp", new HttpEntity<>(bytes, headers),
                    String.class);
            assertThat(answer.getStatusCode().is5xxServerError()).as("5xx for %s", body).isFalse();
            assertNoStackTrace(answer, body);
        }
    }

    private void assertClear(ResponseEntity<String> answer, String body) {
        assertThat(answer.getStatusCode().is5xxServerError()).as("5xx for %s: %s", body, answer.getBody()).isFalse();
        assertNoStackTrace(answer, body);
        if (answer.getStatusCode().is4xxClientError()) {
            assertThat(answer.getHeaders().getContentType()).as("content type for %s", body).isNotNull();
            assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .as("problem+json for %s", body).isTrue();
        }
    }

    private static void assertNoStackTrace(ResponseEntity<String> answer, String body) {
        String text = answer.getBody() == null ? "" : answer.getBody();
        assertThat(text).as("answer to %s", body).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("org.springframework").doesNotContain("dev.leadflow.");
    }

    private String randomBody() {
        return switch (random.nextInt(6)) {
            case 0 -> randomJsonValue(3);
            case 1 -> "{" + "\"phone\":" + randomJsonValue(1) + "," + "\"consent\":" + randomJsonValue(2) + "}";
            case 2 -> truncate(randomObject(3));
            case 3 -> NASTY[random.nextInt(NASTY.length)];
            case 4 -> "{\"phone\":\"" + randomPhoneLike() + "\",\"name\":" + quoted(nasty()) + ",\"timezone\":"
                    + quoted(nasty()) + ",\"locale\":" + quoted(nasty()) + ",\"consent\":{\"whatsapp\":true}}";
            default -> randomObject(3);
        };
    }

    private String randomEvent() {
        String[] types = {"MEETING_BOOKED", "MEETING_RESCHEDULED", "MEETING_CANCELLED", "MEETING_COMPLETED",
                "MEETING_NO_SHOW", "DEAL_WON", "DEAL_LOST", "STATUS_CHANGED", "OPTED_OUT", "OPTED_IN", nasty()};
        return "{\"eventId\":" + quoted(random.nextBoolean() ? "e-" + random.nextInt(1000) : nasty())
                + ",\"type\":" + quoted(types[random.nextInt(types.length)])
                + ",\"occurredAt\":" + (random.nextBoolean() ? "\"2026-03-04T15:00:00Z\"" : randomJsonValue(1))
                + ",\"meeting\":" + (random.nextBoolean() ? "{\"id\":" + quoted(random.nextBoolean() ? "mtg-1" : nasty())
                + ",\"startsAt\":" + (random.nextBoolean() ? "\"2026-03-09T15:00:00Z\"" : randomJsonValue(1))
                + ",\"timezone\":" + quoted(random.nextBoolean() ? "America/Sao_Paulo" : nasty()) + "}" : randomJsonValue(2))
                + ",\"status\":" + randomJsonValue(1) + "}";
    }

    private String randomWebhook() {
        String id = random.nextBoolean() ? "wamid.fuzz" + random.nextInt(50) : nasty();
        String statuses = "[{\"id\":" + quoted(id) + ",\"status\":" + quoted(random.nextBoolean() ? "read" : nasty())
                + ",\"timestamp\":" + (random.nextBoolean() ? "\"1750030073\"" : randomJsonValue(1))
                + ",\"errors\":" + randomJsonValue(2) + ",\"biz_opaque_callback_data\":" + randomJsonValue(1) + "}]";
        String messages = "[{\"from\":" + quoted(random.nextBoolean() ? "5511999990000" : nasty()) + ",\"id\":"
                + quoted("wamid.in" + random.nextInt(1000)) + ",\"timestamp\":" + randomJsonValue(1)
                + ",\"type\":" + quoted(random.nextBoolean() ? "text" : "button") + ",\"text\":" + randomJsonValue(2)
                + ",\"button\":" + randomJsonValue(2) + ",\"context\":" + randomJsonValue(2) + "}]";
        String value = "{\"messaging_product\":\"whatsapp\",\"statuses\":" + (random.nextBoolean() ? statuses
                : randomJsonValue(2)) + ",\"messages\":" + (random.nextBoolean() ? messages : randomJsonValue(2)) + "}";
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":"
                + quoted(random.nextBoolean() ? "messages" : nasty()) + ",\"value\":" + value + "}]}]}";
    }

    private String randomObject(int depth) {
        List<String> members = new ArrayList<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            members.add(quoted(FIELDS[random.nextInt(FIELDS.length)]) + ":" + randomJsonValue(depth - 1));
        }
        return "{" + String.join(",", members) + "}";
    }

    private String randomJsonValue(int depth) {
        int kind = depth <= 0 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> quoted(nasty());
            case 1 -> String.valueOf(random.nextInt());
            case 2 -> String.valueOf(random.nextBoolean());
            case 3 -> "null";
            case 4 -> String.valueOf(random.nextDouble() * 1e12);
            case 5 -> randomObject(depth);
            default -> "[" + randomJsonValue(depth - 1) + "," + randomJsonValue(depth - 1) + "]";
        };
    }

    private String randomPhoneLike() {
        String[] phones = {"+55 (11) 99999-0000", "12ab", "+", "00000000", "+1 650 555 1234", "+999 123", nasty()};
        return phones[random.nextInt(phones.length)].replace("\"", "");
    }

    private String nasty() {
        return NASTY[random.nextInt(NASTY.length)];
    }

    private String truncate(String json) {
        return json.substring(0, Math.max(0, json.length() - 1 - random.nextInt(Math.max(1, json.length() / 2))));
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
