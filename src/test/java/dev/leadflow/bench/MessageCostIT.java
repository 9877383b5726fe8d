package dev.leadflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.leadflow.support.ExternalServices;
import dev.leadflow.support.PostgresProfileNode;
import dev.leadflow.support.TestLeads;
import dev.leadflow.whatsapp.sandbox.SandboxMailbox;
import dev.leadflow.whatsapp.sandbox.SandboxMessage;

/**
 * What one message costs the database, counted rather than timed, so it can be taken on a busy machine: N
 * leads go through "lead created -> welcome sent -> follow-up waiting -> sent, delivered, read" on one node in
 * the {@code postgres} profile (the sandbox as the Cloud API, reporting the three statuses), and every
 * statement the node sends is counted by kind, with the rows inserted per table, the round trips and the
 * commits. Writes {@code target/message-cost.json}; docs/performance.md keeps the figures of each change.
 *
 * <p>{@code ./mvnw -o -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=MessageCostIT}
 */
class MessageCostIT {

    /** What the node's background pollers send in a second when no message is in flight. */
    private static final long QUIET_STATEMENTS_PER_SECOND = 25;

    private static final int LEADS = Integer.getInteger("message-cost.leads", 60);
    private static final int WARM_UP = 5;
    private static final String USER = "crm";
    private static final String PASSWORD = "message-cost-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final StatementCounter counter = new StatementCounter();
    private static ConfigurableApplicationContext node;
    // the test's own queries go around the node's data source, so they are not counted
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void startNode() {
        ExternalServices.Endpoints services = ExternalServices.start("cost");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(services.jdbcUrl(), services.username(),
                services.password()));
        node = PostgresProfileNode.named("cost")
                .database(services.jdbcUrl(), services.username(), services.password())
                .redis(services.redisHost(), services.redisPort())
                .apiUser(USER, PASSWORD)
                .channel("100000000000088", "cost")
                .with("leadflow.sandbox.enabled", "true")
                .with("leadflow.whatsapp.base-url", "")
                .with("leadflow.sandbox.status-delay", "100ms")
                .with("leadflow.messaging.channel-rate-per-second", "1000")
                .initializer(counter)
                .start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void countsWhatEachMessageCostsTheDatabase() throws Exception {
        // the first messages fill the engine's caches (deployments, definitions): not what a message costs
        runLeads(WARM_UP);

        counter.start();
        runLeads(LEADS);
        StatementCounter.Counts counts = counter.stop();

        Map<String, Object> result = report(counts);
        Path file = Path.of("target", "message-cost.json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
        System.out.println(markdown(counts));

        assertThat(counts.of("insert message_attempt")).isEqualTo(LEADS);
        // each of the three statuses is applied once
        assertThat(counts.of("insert message_status_event")).isEqualTo(3L * LEADS);
    }

    /** Creates the leads and waits until each welcome was sent, its follow-up waits and its statuses were applied. */
    private static void runLeads(int leads) throws Exception {
        SandboxMailbox cloudApi = node.getBean(SandboxMailbox.class);
        List<String> phones = new ArrayList<>();
        List<String> leadIds = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            String leadId = TestLeads.newLeadId();
            String phone = TestLeads.newPhone();
            leadIds.add(leadId);
            phones.add(phone);
            answers.add(clients.submit(() -> put(baseUrl() + "/api/leads/" + leadId, TestLeads.leadJson(phone, true))));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(201);
        }
        clients.shutdown();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> phones.stream().filter(phone -> !cloudApi.outboundTo(phone).isEmpty()).count() == leads);
        String ids = "'" + String.join("','", leadIds) + "'";
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject(
                "select count(*) from message_status_event e join message_attempt a on a.wamid = e.wamid"
                        + " where a.lead_id in (" + ids + ")", Long.class) == 3L * leads);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject(
                "select count(*) from act_ru_execution where business_key_ in (" + ids + ")"
                        + " and proc_def_id_ like 'followUp:%' and parent_id_ is null", Long.class) == leads);
        // the webhook deliveries are marked processed after their statuses: wait for the node to go quiet, but for
        // the few statements a second of its background pollers (the CRM event sender, the gauges)
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofMinutes(1)).pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    long total = counter.peekTotal();
                    long before = last.getAndSet(total);
                    return jdbc.queryForObject("select count(*) from webhook_delivery where outcome is null",
                            Long.class) == 0 && before >= 0 && total - before < QUIET_STATEMENTS_PER_SECOND;
                });
        assertThat(phones.stream().mapToLong(phone -> cloudApi.outboundTo(phone).stream()
                .filter(m -> m.direction() == SandboxMessage.Direction.OUTBOUND).count()).sum()).isEqualTo(leads);
    }

    private static Map<String, Object> report(StatementCounter.Counts counts) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("messages", LEADS);
        result.put("statementsPerMessage", perMessage(counts.total()));
        result.put("rowsInsertedPerMessage", perMessage(counts.rowsInserted()));
        result.put("roundTripsPerMessage", perMessage(counts.roundTrips()));
        result.put("commitsPerMessage", perMessage(counts.commits()));
        result.put("jobPollingStatements", counts.pollingStatements());
        Map<String, Double> byKind = new LinkedHashMap<>();
        counts.byKind().forEach((kind, n) -> byKind.put(kind, perMessage(n)));
        result.put("perMessageByStatement", byKind);
        return result;
    }

    private static String markdown(StatementCounter.Counts counts) {
        StringBuilder table = new StringBuilder("\n| per message (" + LEADS + " messages) | count |\n|---|---|\n");
        table.append("| statements | ").append(perMessage(counts.total())).append(" |\n");
        table.append("| rows inserted | ").append(perMessage(counts.rowsInserted())).append(" |\n");
        table.append("| round trips | ").append(perMessage(counts.roundTrips())).append(" |\n");
        table.append("| commits | ").append(perMessage(counts.commits())).append(" |\n");
        counts.byKind().forEach((kind, n) -> table.append("| ").append(kind).append(" | ")
                .append(perMessage(n)).append(" |\n"));
        return table.toString();
    }

    private static double perMessage(long count) {
        return Math.round(count * 100.0 / LEADS) / 100.0;
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static int put(String url, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
