package dev.leadflow.crmevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.crmevents.sandbox.SandboxEventReceiver;
import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;
import dev.leadflow.support.WebhookFixtures;

/** The outbound feed as a CRM sees it: subscriptions, signed pushes in order per lead, the pull feed. */
class CrmEventFeedTest extends LeadflowIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String SECRET = "a-crm-subscription-secret";

    @LocalServerPort
    private int port;
    @Autowired
    private SandboxEventReceiver receiver;
    @Autowired
    private EventSender sender;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private OutboundEvents outbox;
    @Autowired
    private org.springframework.context.ApplicationEventPublisher publisher;

    private final List<String> subscriptions = new ArrayList<>();

    @AfterEach
    void unsubscribe() {
        subscriptions.forEach(id -> api().delete("/api/subscriptions/" + id));
    }

    @Test
    void aLeadsStoryReachesTheSubscriberSignedOnceAndInOrder() {
        String name = receiverName();
        subscribe(name, List.of("*"));
        String leadId = TestLeads.newLeadId();
        String phone = TestLeads.newPhone();

        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        engine.runDueJobs(leadId);
        await().atMost(PATIENCE).until(() -> typesFor(name, leadId).contains("message.delivered"));
        String wamid = WebhookFixtures.newWamid();
        assertThat(postWhatsApp(WebhookFixtures.payload(WebhookFixtures.messagesChange(List.of(
                WebhookFixtures.button(wamid, phone, TEST_START.plusSeconds(60), "CONFIRM:mtg-feed-1", "Confirm",
                        cloudApi.received(phone).get(0).wamid())))))).isEqualTo(HttpStatus.OK);

        await().atMost(PATIENCE).until(() -> typesFor(name, leadId).containsAll(
                List.of("meeting.confirmed", "lead.replied")));
        List<SandboxEventReceiver.Received> got = receivedFor(name, leadId);
        assertThat(typesFor(name, leadId)).startsWith("flow.started")
                .containsSubsequence("message.sent", "message.delivered", "meeting.confirmed", "lead.replied");
        assertThat(got).allSatisfy(request -> assertThat(receiver.verified(request, SECRET)).isTrue());
        assertThat(got).extracting(SandboxEventReceiver.Received::eventId).doesNotHaveDuplicates()
                .containsExactlyElementsOf(got.stream().map(request -> read(request.body()).path("id").asText())
                        .toList());
        assertThat(got.stream().map(request -> read(request.body()).path("id").asText()).toList())
                .as("the receiver got each of the lead's events once")
                .containsExactlyInAnyOrderElementsOf(feedIdsFor(leadId));
        assertThat(typesFor(name, leadId)).as("one after the other, as they happened")
                .containsSubsequence("message.sent", "message.delivered")
                .containsSubsequence("meeting.confirmed", "lead.replied");
        JsonNode confirmed = got.stream().map(request -> read(request.body()))
                .filter(event -> event.path("type").asText().equals("meeting.confirmed")).findFirst().orElseThrow();
        assertThat(confirmed.path("data").path("meetingId").asText()).isEqualTo("mtg-feed-1");
    }

    @Test
    void aTamperedOrReplayedDeliveryFailsVerification() {
        long now = TEST_START.getEpochSecond();
        String body = "{\"id\":\"e1\",\"type\":\"lead.replied\"}";
        String signature = EventSignature.sign(SECRET, now, body);

        assertThat(EventSignature.verify(SECRET, String.valueOf(now), signature, body, TEST_START)).isTrue();
        assertThat(EventSignature.verify(SECRET, String.valueOf(now), signature, body.replace("e1", "e2"), TEST_START))
                .isFalse();
        assertThat(EventSignature.verify("another-secret-entirely", String.valueOf(now), signature, body, TEST_START))
                .isFalse();
        assertThat(EventSignature.verify(SECRET, String.valueOf(now), signature, body,
                TEST_START.plus(Duration.ofMinutes(6)))).as("replayed six minutes later").isFalse();
        assertThat(EventSignature.verify(SECRET, String.valueOf(now + 360), signature, body,
                TEST_START.plus(Duration.ofMinutes(6)))).as("a fresh timestamp on an old signature").isFalse();
        // the recipe of docs/crm-events.md, with nothing but the JDK
        assertThat(signature).isEqualTo("v1=" + hmacHex(SECRET, now + "." + body));
    }

    @Test
    void aReceiverDownForAnHourCatchesUpInOrderAndLosesNothing() {
        String name = receiverName();
        String subscription = subscribe(name, List.of("flow.started", "message.sent", "message.delivered",
                "message.read", "lead.replied"));
        receiver.takeDown(name);
        List<String> leads = List.of(TestLeads.newLeadId(), TestLeads.newLeadId());
        for (String leadId : leads) {
            String phone = TestLeads.newPhone();
            putLead(leadId, TestLeads.leadJson(phone, true));
            engine.runDueJobs(leadId);
            String wamid = WebhookFixtures.newWamid();
            postWhatsApp(WebhookFixtures.payload(WebhookFixtures.messagesChange(List.of(
                    WebhookFixtures.text(wamid, phone, TEST_START.plusSeconds(30), "Oi")))));
        }
        await().atMost(PATIENCE).until(() -> leads.stream()
                .allMatch(lead -> feedTypesFor(lead).contains("lead.replied")));

        Instant start = Engine.now();
        for (int minute = 5; minute <= 60; minute += 5) {
            Engine.setNow(start.plus(Duration.ofMinutes(minute)));
            sender.deliverDue();
        }
        assertThat(receiver.received(name)).isEmpty();
        JsonNode failing = read(api().getForObject("/api/subscriptions?failing=true", String.class));
        JsonNode ours = find(failing, subscription);
        assertThat(ours.path("failing").asBoolean()).isTrue();
        assertThat(ours.path("lastError").asText()).contains("503");
        assertThat(ours.path("deliveries").path("DELIVERED").asInt()).isZero();

        receiver.bringUp(name);
        Engine.setNow(start.plus(Duration.ofMinutes(71)));
        await().atMost(PATIENCE).until(() -> leads.stream().allMatch(lead ->
                idsFor(name, lead).size() == feedIdsFor(lead, "flow.started", "message.sent", "message.delivered",
                        "message.read", "lead.replied").size()));
        for (String leadId : leads) {
            assertThat(idsFor(name, leadId)).as("every event of " + leadId + ", once, in order")
                    .isEqualTo(feedIdsFor(leadId, "flow.started", "message.sent", "message.delivered", "message.read",
                            "lead.replied"));
        }
        JsonNode healthy = read(api().getForObject("/api/subscriptions/" + subscription, String.class));
        assertThat(healthy.path("failing").asBoolean()).isFalse();
    }

    @Test
    void opsReplayARangeOfEventsInOrder() {
        String name = receiverName();
        String subscription = subscribe(name, List.of("flow.started", "message.sent"));
        String leadId = TestLeads.newLeadId();
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true));
        engine.runDueJobs(leadId);
        await().atMost(PATIENCE).until(() -> typesFor(name, leadId).contains("message.sent")
                && idsFor(name, leadId).size() == feedIdsFor(leadId, "flow.started", "message.sent").size());
        List<String> firstTime = idsFor(name, leadId);
        List<String> cursors = feedCursorsFor(leadId, "flow.started", "message.sent");

        ResponseEntity<String> replay = api().postForEntity("/api/subscriptions/" + subscription + "/replay",
                jsonBody("{\"fromCursor\": " + cursors.get(0) + ", \"toCursor\": " + cursors.get(cursors.size() - 1)
                        + "}"), String.class);

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(PATIENCE).until(() -> idsFor(name, leadId).size() >= firstTime.size() * 2);
        List<String> all = idsFor(name, leadId);
        assertThat(all.subList(firstTime.size(), all.size())).as("the range again, in the feed's order")
                .isEqualTo(feedIdsFor(leadId, "flow.started", "message.sent"));
    }

    @Test
    void badSubscriptionsAreRefusedNamingTheFieldAndNothingIsWritten() {
        long before = subscriptionRows();
        String url = "http://127.0.0.1:" + port + "/sandbox/crm/receivers/x";
        assertRefused("{\"url\": \"ftp://example.com/x\", \"secret\": \"" + SECRET + "\", \"events\": [\"*\"]}", "url");
        assertRefused("{\"url\": \"" + url + "\", \"secret\": \"short\", \"events\": [\"*\"]}", "secret");
        assertRefused("{\"url\": \"" + url + "\", \"secret\": \"" + SECRET + "\", \"events\": []}", "events");
        assertRefused("{\"url\": \"" + url + "\", \"secret\": \"" + SECRET + "\", \"events\": [\"lead.replied\", "
                + "\"lead.exploded\"]}", "events[1]");
        assertRefused("{\"url\": \"" + url + "\", \"secret\": \"" + SECRET + "\", \"events\": [\"*\"], \"x\": 1}", "x");
        assertThat(subscriptionRows()).isEqualTo(before);
        assertThat(api().exchange("/api/subscriptions/nope", HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.postForEntity("/api/subscriptions", jsonBody("{}"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void thePullFeedPagesByCursorAndRefusesABadOne() {
        String leadId = TestLeads.newLeadId();
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true));
        JsonNode first = read(api().getForObject("/api/events?after=0&limit=1", String.class));
        assertThat(first.path("events")).hasSize(1);
        String next = first.path("next").asText();
        assertThat(next).isEqualTo(first.path("events").get(0).path("cursor").asText());
        JsonNode second = read(api().getForObject("/api/events?after=" + next + "&limit=1", String.class));
        assertThat(Long.parseLong(second.path("events").get(0).path("cursor").asText()))
                .isGreaterThan(Long.parseLong(next));

        ResponseEntity<String> bad = api().getForEntity("/api/events?after=yesterday", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(bad.getBody()).contains("after");
        assertThat(api().getForEntity("/api/events?limit=5000", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void anEventExistsOnlyIfTheFactCommitted() {
        String leadId = TestLeads.newLeadId();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        try {
            transaction.executeWithoutResult(status -> {
                outbox.record(EventType.LEAD_REPLIED, leadId, null, Map.of("reply", "lost"));
                throw new IllegalStateException("the business transaction fails after the event was written");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(feedIdsFor(leadId)).isEmpty();
    }

    @Test
    void aPhoneChangePublishedInItsTransactionIsAnEvent() {
        String leadId = TestLeads.newLeadId();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> publisher.publishEvent(
                new dev.leadflow.crm.LeadPhoneChanged(leadId, "+5511911111111", "+5511922222222", TEST_START)));

        JsonNode changed = feedFor(leadId, "lead.phone_changed").get(0);
        assertThat(changed.path("data").path("newPhone").asText()).isEqualTo("+5511922222222");
        assertThat(changed.path("occurredAt").asText()).isEqualTo(TEST_START.toString());
    }

    @Test
    void anErasedLeadLeavesTheFeed() {
        String leadId = TestLeads.newLeadId();
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true));
        assertThat(feedTypesFor(leadId)).contains("flow.started");

        assertThat(api().exchange("/api/leads/" + leadId, HttpMethod.DELETE, null, String.class).getBody())
                .contains("\"outboundEvents\"");

        assertThat(feedFor(leadId)).isEmpty();
    }

    @Test
    void flowsAndTheirTasksAreReported() {
        String key = "crmEventsProbe";
        BpmnModelInstance probe = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent().userTask("callTheLead").name("Call the lead").camundaCandidateGroups("sales")
                .endEvent().done();
        processEngine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn", probe).deploy();
        String leadId = TestLeads.newLeadId();

        runtime.startProcessInstanceByKey(key, leadId);
        tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(leadId).singleResult().getId());

        assertThat(feedTypesFor(leadId)).containsExactly("flow.started", "task.created", "flow.ended");
        JsonNode task = feedFor(leadId).get(1);
        assertThat(task.path("data").path("name").asText()).isEqualTo("Call the lead");
        assertThat(task.path("data").path("candidateGroups").get(0).asText()).isEqualTo("sales");
        assertThat(feedFor(leadId).get(2).path("data").path("cancelled").asBoolean()).isFalse();
    }

    private void assertRefused(String body, String field) {
        ResponseEntity<String> answer = api().postForEntity("/api/subscriptions", jsonBody(body), String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(read(answer.getBody()).path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    private long subscriptionRows() {
        return jdbc.sql("select count(*) from event_subscription").query(Long.class).single();
    }

    private String subscribe(String name, List<String> events) {
        String body = "{\"url\": \"http://127.0.0.1:" + port + "/sandbox/crm/receivers/" + name + "\", \"secret\": \""
                + SECRET + "\", \"events\": " + write(events) + "}";
        ResponseEntity<String> created = api().postForEntity("/api/subscriptions", jsonBody(body), String.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody()).doesNotContain(SECRET);
        String id = read(created.getBody()).path("id").asText();
        subscriptions.add(id);
        return id;
    }

    private HttpStatus postWhatsApp(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Hub-Signature-256", "sha256=" + hmacHex("sandbox-app-secret", body));
        return HttpStatus.valueOf(http.postForEntity("/webhooks/whatsapp", new HttpEntity<>(body, headers),
                String.class).getStatusCode().value());
    }

    private List<SandboxEventReceiver.Received> receivedFor(String name, String leadId) {
        return receiver.received(name).stream()
                .filter(request -> leadId.equals(read(request.body()).path("leadId").asText())).toList();
    }

    private List<String> typesFor(String name, String leadId) {
        return receivedFor(name, leadId).stream().map(request -> read(request.body()).path("type").asText()).toList();
    }

    private List<String> idsFor(String name, String leadId) {
        return receivedFor(name, leadId).stream().map(SandboxEventReceiver.Received::eventId).toList();
    }

    /** The lead's events in the pull feed, oldest first, optionally of some types only. */
    private List<JsonNode> feedFor(String leadId, String... types) {
        List<JsonNode> events = new ArrayList<>();
        String after = "0";
        while (true) {
            JsonNode page = read(api().getForObject("/api/events?after=" + after + "&limit=1000", String.class));
            page.path("events").forEach(event -> {
                if (leadId.equals(event.path("leadId").asText())
                        && (types.length == 0 || List.of(types).contains(event.path("type").asText()))) {
                    events.add(event);
                }
            });
            if (page.path("events").isEmpty()) {
                return events;
            }
            after = page.path("next").asText();
        }
    }

    private List<String> feedIdsFor(String leadId, String... types) {
        return feedFor(leadId, types).stream().map(event -> event.path("id").asText()).toList();
    }

    private List<String> feedTypesFor(String leadId) {
        return feedFor(leadId).stream().map(event -> event.path("type").asText()).toList();
    }

    private List<String> feedCursorsFor(String leadId, String... types) {
        return feedFor(leadId, types).stream().map(event -> event.path("cursor").asText()).toList();
    }

    private static JsonNode find(JsonNode subscriptions, String id) {
        for (JsonNode subscription : subscriptions) {
            if (id.equals(subscription.path("id").asText())) {
                return subscription;
            }
        }
        throw new AssertionError("subscription " + id + " not listed: " + subscriptions);
    }

    private static String receiverName() {
        return "crm-" + UUID.randomUUID();
    }

    static String hmacHex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
