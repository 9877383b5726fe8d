package dev.leadflow.whatsapp;

import static dev.leadflow.support.WebhookFixtures.PHONE_NUMBER_ID;
import static dev.leadflow.support.WebhookFixtures.newWamid;
import static dev.leadflow.support.WebhookFixtures.payload;
import static dev.leadflow.support.WebhookFixtures.statusesChange;
import static dev.leadflow.support.WebhookFixtures.waId;
import static dev.leadflow.whatsapp.InboundKindFixtures.change;
import static dev.leadflow.whatsapp.InboundKindFixtures.contact;
import static dev.leadflow.whatsapp.InboundKindFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.crm.LeadPhoneChanged;
import dev.leadflow.flow.WelcomeFlow;
import dev.leadflow.messaging.LeadIdentities;
import dev.leadflow.messaging.MessageCosts;
import dev.leadflow.support.TestLeads;
import dev.leadflow.tracking.TimelineEntry;
import dev.leadflow.tracking.TimelineService;

/**
 * Who sent it and to which number: number changes, business-scoped user ids and usernames, the unmatched inbox,
 * several business numbers, ad referrals, what statuses cost, media, and a lead that wrote being awake.
 */
@RecordApplicationEvents
class InboundIdentityTest extends WebhookTestSupport {

    private static final String JAPAN_CHANNEL = "100000000000081";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private TimelineService timeline;
    @Autowired
    private LeadIdentities identities;
    @Autowired
    private MessageCosts costs;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private ApplicationEvents events;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();
    private final Instant at = TEST_START.plusSeconds(60);

    @Test
    void aNumberChangeMovesTheLeadAndItsNextSendsToTheNewNumber() throws Exception {
        String welcome = leadWithWelcomeSent(leadId, phone);
        String newPhone = TestLeads.newPhone();
        String wamid = newWamid();

        deliver(payload(change(PHONE_NUMBER_ID, List.of(), List.of(message("user_changed_number", phone, wamid, at,
                welcome, waId(newPhone))))), wamid);

        assertThat(lead().path("phone").asText()).isEqualTo(newPhone);
        assertThat(notices()).containsExactly("changed number to " + newPhone);
        assertThat(welcomeOf(leadId)).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        engine.timePasses(leadId, Duration.ofDays(10));
        assertThat(cloudApi.templatesSentTo(phone)).containsExactly("leadflow_welcome");
        assertThat(cloudApi.templatesSentTo(newPhone)).isNotEmpty();
    }

    @Test
    void aMessageFromTheNewNumberIsTheLeadsReply() {
        String welcome = leadWithWelcomeSent(leadId, phone);
        String newPhone = TestLeads.newPhone();
        String changed = newWamid();
        String reply = newWamid();

        deliver(payload(change(PHONE_NUMBER_ID, List.of(), List.of(message("customer_changed_number", phone, changed,
                at, welcome, waId(newPhone))))), changed);
        deliver(payload(change(PHONE_NUMBER_ID, List.of(contact(newPhone, null, null)),
                List.of(message("text", newPhone, reply, at.plusSeconds(5), null, null)))), reply);

        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
    }

    @Test
    void aNumberChangeIsPublishedInsideItsTransaction() {
        leadWithWelcomeSent(leadId, phone);
        String newPhone = TestLeads.newPhone();

        new TransactionTemplate(transactionManager).executeWithoutResult(status ->
                identities.changeNumber(leadId, newPhone, at));

        assertThat(events.stream(LeadPhoneChanged.class))
                .containsExactly(new LeadPhoneChanged(leadId, phone, newPhone, at));
    }

    @Test
    void aUsernameUserWithoutNumberIsFoundByItsBusinessScopedId() throws Exception {
        String welcome = leadWithWelcomeSent(leadId, phone);
        String userId = "BR." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        String first = newWamid();
        deliver(payload(change(PHONE_NUMBER_ID, List.of(contact(phone, userId, "ana.lead")),
                List.of(message("reaction_removed", phone, first, at, welcome, null)))), first);
        assertThat(lead().path("whatsapp").path("userId").asText()).isEqualTo(userId);
        assertThat(lead().path("whatsapp").path("username").asText()).isEqualTo("ana.lead");
        assertThat(welcomeOf(leadId)).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);

        String reply = newWamid();
        deliver(payload(change(PHONE_NUMBER_ID, List.of(contact(null, userId, "ana.lead")),
                List.of(withoutNumber(message("text", phone, reply, at.plusSeconds(5), null, null), userId)))), reply);

        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
    }

    @Test
    void aMessageOfNoKnownLeadWaitsInTheInboxUntilAnOperatorAssignsIt() throws Exception {
        leadWithWelcomeSent(leadId, phone);
        String userId = "US." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        String wamid = newWamid();
        deliver(payload(change(PHONE_NUMBER_ID, List.of(contact(null, userId, "stranger")),
                List.of(withoutNumber(message("text", phone, wamid, at, null, null), userId)))), wamid);
        assertThat(welcomeOf(leadId)).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        JsonNode inbox = json(api().getForEntity("/api/ops/inbox", String.class));
        assertThat(inbox.findValuesAsText("wamid")).contains(wamid);
        assertThat(inbox.findValuesAsText("userId")).contains(userId);

        assertThat(api().postForEntity("/api/ops/inbox/" + wamid + "/assign", jsonBody("{\"leadId\":\"bad id!\"}"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api().postForEntity("/api/ops/inbox/wamid.unknown/assign", jsonBody("{\"leadId\":\"" + leadId
                + "\"}"), String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> assigned = api().postForEntity("/api/ops/inbox/" + wamid + "/assign",
                jsonBody("{\"leadId\":\"" + leadId + "\"}"), String.class);

        assertThat(assigned.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(assigned).path("outcome").asText()).isEqualTo("REPLIED");
        assertThat(welcomeEnd(leadId)).isEqualTo(WelcomeFlow.END_DONE);
        assertThat(json(api().getForEntity("/api/ops/inbox", String.class)).findValuesAsText("wamid"))
                .doesNotContain(wamid);
        String next = newWamid();
        deliver(payload(change(PHONE_NUMBER_ID, List.of(contact(null, userId, null)),
                List.of(withoutNumber(message("text", phone, next, at.plusSeconds(9), null, null), userId)))), next);
        assertThat(jdbc.sql("select lead_id from inbound_message where wamid = ?").param(next).query(String.class)
                .single()).isEqualTo(leadId);
    }

    @Test
    void aMessageToAnotherBusinessNumberOpensOnlyItsWindowAndLeavesTheFlows() {
        leadWithWelcomeSent(leadId, phone);
        String wamid = newWamid();

        deliver(payload(change(JAPAN_CHANNEL, List.of(contact(phone, null, null)),
                List.of(message("text", phone, wamid, at, null, null)))), wamid);

        assertThat(welcomeOf(leadId)).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
        assertThat(timeline.timeline(leadId)).filteredOn(e -> e.kind() == TimelineEntry.Kind.REPLY_RECEIVED)
                .extracting(TimelineEntry::detail).containsExactly("Can we move it to Friday? (to business number "
                        + JAPAN_CHANNEL + ", not the one this lead's flows write from: they were not told)");
        assertThat(jdbc.sql("select channel_id from customer_service_window where lead_id = ?").param(leadId)
                .query(String.class).list()).containsExactly(JAPAN_CHANNEL);
    }

    @Test
    void theAdThatBroughtTheLeadIsKeptAndCountedByAdSource() throws Exception {
        leadWithWelcomeSent(leadId, phone);
        String wamid = newWamid();

        deliver(payload(change(PHONE_NUMBER_ID, List.of(contact(phone, null, null)),
                List.of(message("referral_text", phone, wamid, at, null, null)))), wamid);

        JsonNode firstAd = lead().path("whatsapp").path("firstAd");
        assertThat(firstAd.path("sourceId").asText()).isEqualTo("120210000000000001");
        assertThat(firstAd.path("headline").asText()).isEqualTo("Book a demo this week");
        assertThat(firstAd.path("ctwaClid").asText()).startsWith("ARAkLkA8rmlFeiCktEJQ");
        assertThat(timeline.timeline(leadId)).filteredOn(e -> e.kind() == TimelineEntry.Kind.REPLY_RECEIVED)
                .extracting(TimelineEntry::detail)
                .containsExactly("Hi, I saw your ad (from ad \"Book a demo this week\" 120210000000000001)");
        JsonNode sources = json(api().getForEntity("/api/ops/dashboard/ad-sources?weeks=1", String.class));
        JsonNode ad = null;
        for (JsonNode row : sources) {
            if ("120210000000000001".equals(row.path("sourceId").asText())) {
                ad = row;
            }
        }
        assertThat(ad).isNotNull();
        assertThat(ad.path("leads").asLong()).isPositive();
        assertThat(ad.path("replied").asLong()).isPositive();
        assertThat(api().getForEntity("/api/ops/dashboard/ad-sources.csv?weeks=1", String.class).getBody())
                .startsWith("source_id,source_type,headline,leads,replied,meetings_booked,deals_won\r\n")
                .contains("120210000000000001,ad,Book a demo this week,");
    }

    @Test
    void eachStatusKeepsItsPricingAndTheCostReportPricesIt() throws Exception {
        String welcome = leadWithWelcomeSent(leadId, phone);
        Map<String, Object> delivered = new LinkedHashMap<>(dev.leadflow.support.WebhookFixtures.status(welcome,
                "delivered", at, phone));
        delivered.put("conversation", Map.of("id", "conv-" + leadId, "expiration_timestamp",
                String.valueOf(at.plusSeconds(86_400).getEpochSecond()), "origin", Map.of("type", "utility")));

        deliver(payload(statusesChange(List.of(delivered))), welcome);

        assertThat(costs.ofMessage(welcome)).singleElement().satisfies(price -> {
            assertThat(price.billable()).isTrue();
            assertThat(price.pricingModel()).isEqualTo("PMP");
            assertThat(price.category()).isEqualTo("utility");
            assertThat(price.conversationId()).isEqualTo("conv-" + leadId);
            assertThat(price.conversationCategory()).isEqualTo("utility");
        });
        JsonNode report = json(api().getForEntity("/api/ops/costs?weeks=1", String.class));
        assertThat(report.path("currency").asText()).isEqualTo("USD");
        JsonNode welcomeTemplate = null;
        for (JsonNode row : report.path("byTemplate")) {
            if ("leadflow_welcome".equals(row.path("by").asText())) {
                welcomeTemplate = row;
            }
        }
        assertThat(welcomeTemplate).isNotNull();
        assertThat(welcomeTemplate.path("billable").asLong()).isPositive();
        assertThat(welcomeTemplate.path("cost").decimalValue()).isPositive();
        assertThat(report.path("byWeek").get(0).path("by").asText()).isEqualTo("2026-03-02");
        assertThat(api().getForEntity("/api/ops/costs.csv?weeks=1", String.class).getBody())
                .startsWith("dimension,value,messages,billable,cost,currency,replied,meetings_booked,cost_per_reply,"
                        + "cost_per_meeting\r\n")
                .contains("template,leadflow_welcome,");
        assertThat(api().getForEntity("/api/ops/costs?weeks=0", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void opsFetchTheMediaOfAMessageThroughTheCloudApi() throws Exception {
        ResponseEntity<String> media = api().getForEntity("/api/ops/media/1003383421387256", String.class);
        assertThat(media.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(media).path("url").asText()).contains("1003383421387256");
        assertThat(json(media).path("mime_type").asText()).isEqualTo("image/jpeg");
        assertThat(api().getForEntity("/api/ops/media/404000", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api().getForEntity("/api/ops/media/abc", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity("/api/ops/media/1003383421387256", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aLeadThatWritesDuringItsNightGetsTheMessageThatWaitedForMorning() {
        // 15:00 UTC is midnight in Tokyo: the welcome waits for 09:00 there
        assertThat(putLead(leadId, TestLeads.leadJsonIn(phone, "Asia/Tokyo")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        engine.runDueJobs(leadId);
        assertThat(cloudApi.requests(phone)).isZero();
        String wamid = newWamid();

        deliver(payload(change(PHONE_NUMBER_ID, List.of(contact(phone, null, null)),
                List.of(message("text", phone, wamid, TEST_START.minusSeconds(30), null, null)))), wamid);
        engine.runDueJobs(leadId);

        assertThat(cloudApi.requests(phone)).isEqualTo(1);
        assertThat(welcomeOf(leadId)).isWaitingAt(WelcomeFlow.WAIT_FOR_REPLY);
    }

    private static Map<String, Object> withoutNumber(Map<String, Object> message, String userId) {
        Map<String, Object> copy = new LinkedHashMap<>(message);
        copy.remove("from");
        copy.put("from_user_id", userId);
        return copy;
    }

    private JsonNode lead() throws Exception {
        return json(api().getForEntity("/api/leads/" + leadId, String.class));
    }

    private List<String> notices() {
        return timeline.timeline(leadId).stream().filter(e -> e.kind() == TimelineEntry.Kind.NOTICE_RECEIVED)
                .map(TimelineEntry::detail).toList();
    }

    private static JsonNode json(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        return JSON.readTree(response.getBody());
    }
}
