package dev.leadflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import java.util.Date;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import dev.leadflow.support.ExternalServices;
import dev.leadflow.support.PostgresProfileNode;
import dev.leadflow.support.TestLeads;
import dev.leadflow.whatsapp.sandbox.SandboxMailbox;
import dev.leadflow.whatsapp.sandbox.SandboxMessage;

/**
 * A homogeneous cluster of two Leadflow nodes on one PostgreSQL and one Redis, each with its own job
 * executor. Leads arrive through both nodes; every welcome must reach the Cloud API fake exactly once,
 * and the channel's rate, measured on the fake's receive times, must never exceed its limit.
 */
class TwoNodeClusterIT {

    private static final int CHANNEL_LIMIT = 50;
    private static final int LEADS = 200;
    private static final int BURST = 2000;
    private static final int RACING_LEADS = 100;
    private static final String USER = "crm";
    private static final String PASSWORD = "cluster-test-secret";

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoNodes() {
        ExternalServices.Endpoints services = ExternalServices.start("cluster");
        nodeA = node(services, "nodeA", Map.of("leadflow.sandbox.enabled", "true", "leadflow.whatsapp.base-url", ""));
        // node B sends to node A's sandbox: one Cloud API fake for the whole cluster
        nodeB = node(services, "nodeB", Map.of("leadflow.sandbox.enabled", "false",
                "leadflow.whatsapp.base-url", baseUrl(nodeA) + "/sandbox/graph"));
    }

    @AfterAll
    static void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void leadsCreatedThroughBothNodesGetExactlyOneWelcomeEachWithinTheChannelLimit() throws Exception {
        SandboxMailbox cloudApi = nodeA.getBean(SandboxMailbox.class);
        List<String> phones = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            String leadId = TestLeads.newLeadId();
            String phone = TestLeads.newPhone();
            phones.add(phone);
            String node = baseUrl(i % 2 == 0 ? nodeA : nodeB);
            answers.add(clients.submit(() -> put(node + "/api/leads/" + leadId, TestLeads.leadJson(phone, true))));
            if (i % 3 == 0) {
                // the same lead again through the other node: a CRM retrying
                String other = baseUrl(i % 2 == 0 ? nodeB : nodeA);
                answers.add(clients.submit(() -> put(other + "/api/leads/" + leadId, TestLeads.leadJson(phone, true))));
            }
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isIn(200, 201);
        }
        clients.shutdown();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> welcomesTo(cloudApi, phones).size() >= LEADS);

        List<SandboxMessage> welcomes = welcomesTo(cloudApi, phones);
        Map<String, Long> perPhone = welcomes.stream()
                .collect(Collectors.groupingBy(SandboxMessage::to, Collectors.counting()));
        assertThat(perPhone).hasSize(LEADS);
        assertThat(perPhone.values()).containsOnly(1L);
        assertThat(peakPerRollingSecond(welcomes)).isLessThanOrEqualTo(CHANNEL_LIMIT);
    }

    @Test
    void aBurstOfTimersDueAtTheSameMomentDrainsAcrossBothNodesWithinTheChannelLimit() throws Exception {
        SandboxMailbox cloudApi = nodeA.getBean(SandboxMailbox.class);
        JdbcTemplate jdbc = new JdbcTemplate(nodeA.getBean(DataSource.class));
        List<String> phones = new ArrayList<>();
        List<String> leadIds = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String leadId = TestLeads.newLeadId();
            String phone = TestLeads.newPhone();
            leadIds.add(leadId);
            phones.add(phone);
            // without consent the lead starts no welcome of its own: the burst is the only send
            answers.add(clients.submit(() -> put(baseUrl(nodeB) + "/api/leads/" + leadId,
                    TestLeads.leadJson(phone, false))));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(201);
        }
        clients.shutdown();
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        named.update("update lead set consent_whatsapp = true where lead_id in (:ids)", Map.of("ids", leadIds));

        RepositoryService repository = nodeA.getBean(ProcessEngine.class).getRepositoryService();
        repository.createDeployment().addClasspathResource("bpmn/timer-burst.bpmn").name("test timer burst").deploy();
        RuntimeService runtime = nodeA.getBean(ProcessEngine.class).getRuntimeService();
        Date dueAt = Date.from(Instant.now().plusSeconds(20));
        for (String leadId : leadIds) {
            runtime.startProcessInstanceByKey("testTimerBurst", leadId, Map.of("dueAt", dueAt));
        }

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> welcomesTo(cloudApi, phones).size() >= BURST);

        List<SandboxMessage> sent = welcomesTo(cloudApi, phones);
        assertThat(sent.stream().map(SandboxMessage::to).distinct().count()).isEqualTo(BURST);
        assertThat(sent).hasSize(BURST);
        assertThat(sent).allSatisfy(message -> assertThat(message.receivedAt()).isAfterOrEqualTo(dueAt.toInstant()));
        assertThat(peakPerRollingSecond(sent)).isLessThanOrEqualTo(CHANNEL_LIMIT);
    }

    @Test
    void aMeetingBookedThroughTheOtherNodeRightAfterTheLeadsCreationIsAppliedOnceAndNeverAnswered5xx()
            throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(nodeA.getBean(DataSource.class));
        List<String> leadIds = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<List<Integer>>> answers = new ArrayList<>();
        for (int i = 0; i < RACING_LEADS; i++) {
            String leadId = TestLeads.newLeadId();
            leadIds.add(leadId);
            String creating = baseUrl(i % 2 == 0 ? nodeA : nodeB);
            String booking = baseUrl(i % 2 == 0 ? nodeB : nodeA);
            // the welcome's job starts on either node while the booking correlates with the same flow
            answers.add(clients.submit(() -> List.of(
                    put(creating + "/api/leads/" + leadId, TestLeads.leadJson(TestLeads.newPhone(), true)),
                    post(booking + "/api/leads/" + leadId + "/events", meetingBooked(leadId)))));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> answer : answers) {
            statuses.addAll(answer.get());
        }
        clients.shutdown();

        assertThat(statuses).allSatisfy(status -> assertThat(status).isLessThan(500));
        assertThat(statuses).containsOnly(201, 202);
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        Map<String, Object> ours = Map.of("ids", leadIds);
        assertThat(named.queryForObject("select count(distinct event_id) from crm_event where lead_id in (:ids)",
                ours, Long.class)).isEqualTo(RACING_LEADS);
        assertThat(named.queryForObject("select count(*) from act_hi_procinst where business_key_ in (:ids)"
                + " and proc_def_key_ = 'meetingBooking'", ours, Long.class)).isEqualTo(RACING_LEADS);
        // every welcome heard of the meeting: none of the lead's flows still waits for it
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> named.queryForObject("""
                select count(*) from act_ru_event_subscr s join act_ru_execution e on e.id_ = s.proc_inst_id_
                where e.business_key_ in (:ids) and s.event_name_ = 'LeadBookedMeeting'
                and e.proc_def_key_ in ('welcome', 'followUp')""", ours, Long.class) == 0);
    }

    private static String meetingBooked(String leadId) {
        return """
                {"eventId":"%s-booked","type":"MEETING_BOOKED","occurredAt":"%s",
                 "meeting":{"id":"%s-m1","startsAt":"%s","timezone":"America/Sao_Paulo"}}"""
                .formatted(leadId, Instant.now(), leadId, Instant.now().plus(Duration.ofDays(3)));
    }

    private static List<SandboxMessage> welcomesTo(SandboxMailbox cloudApi, List<String> phones) {
        java.util.Set<String> ours = new java.util.HashSet<>(phones);
        return cloudApi.messages().stream()
                .filter(m -> m.direction() == SandboxMessage.Direction.OUTBOUND && ours.contains(m.to()))
                .toList();
    }

    /** The most messages the fake received within any one second. */
    static int peakPerRollingSecond(List<SandboxMessage> messages) {
        List<Instant> times = messages.stream().map(SandboxMessage::receivedAt).sorted().toList();
        int peak = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (!times.get(start).plusSeconds(1).isAfter(times.get(end))) {
                start++;
            }
            peak = Math.max(peak, end - start + 1);
        }
        return peak;
    }

    private static ConfigurableApplicationContext node(ExternalServices.Endpoints services, String name,
                                                       Map<String, String> own) {
        return PostgresProfileNode.named(name)
                .database(services.jdbcUrl(), services.username(), services.password())
                .redis(services.redisHost(), services.redisPort())
                .apiUser(USER, PASSWORD)
                .channel("100000000000077", "cluster")
                // statuses come back after the bursts: their processing on the node hosting the fake would add
                // jitter between a send taking its turn and reaching the fake, which this test measures
                .with("leadflow.sandbox.status-delay", "120s")
                .with("leadflow.messaging.channel-rate-per-second", String.valueOf(CHANNEL_LIMIT))
                // both nodes share this JVM and its two cores with the test: sends bunch more on their way
                // than in production
                .with("leadflow.coordination.channel-window", "1500ms")
                .with(own)
                .start();
    }

    private static String baseUrl(ConfigurableApplicationContext node) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static int put(String url, String json) throws Exception {
        return send(url, json, "PUT");
    }

    private static int post(String url, String json) throws Exception {
        return send(url, json, "POST");
    }

    private static int send(String url, String json, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
