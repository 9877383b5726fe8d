package dev.leadflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.leadflow.crmevents.EventSignature;
import dev.leadflow.support.ExternalServices;
import dev.leadflow.support.TestLeads;

/**
 * The outbox under a crash: Leadflow's JVM is killed (SIGKILL) after the CRM's requests committed their
 * events and before any was delivered (the first node's sender is kept idle). The node started again on the
 * same database delivers every event to the subscriber exactly once, signed, in each lead's order.
 */
class CrmOutboxCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LEADS = 5;
    private static final String USER = "crm";
    private static final String PASSWORD = "outbox-drill-secret";
    private static final String SECRET = "outbox-drill-subscription-secret";
    private static final Path LOGS = Path.of("target", "drills");

    @Test
    void eventsCommittedBeforeAKillAreDeliveredOnceAfterTheRestart() throws Exception {
        ExternalServices.Endpoints services = ExternalServices.start("outbox");
        Files.createDirectories(LOGS);
        List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
        HttpServer receiver = receiver(received);
        try (FakeCloudApi cloudApi = new FakeCloudApi("outbox-drill-token", 2)) {
            Map<String, String> env = environment(services, cloudApi);
            env.put("LEADFLOW_CRMEVENTS_POLLINTERVAL", "1h");
            LeadflowApp first = start(env, "before-kill", 0);
            Http.Answer subscribed = first.api().post("/api/subscriptions", """
                    {"url": "http://127.0.0.1:%d/events", "secret": "%s", "events": ["*"]}"""
                    .formatted(receiver.getAddress().getPort(), SECRET));
            assertThat(subscribed.status()).isEqualTo(201);
            List<String> leads = new ArrayList<>();
            for (int i = 0; i < LEADS; i++) {
                String leadId = TestLeads.newLeadId();
                leads.add(leadId);
                assertThat(first.api().put("/api/leads/" + leadId, TestLeads.leadJson(TestLeads.newPhone(), true))
                        .status()).isEqualTo(201);
            }
            Map<String, List<String>> committed = feedIds(first.api(), leads);
            assertThat(committed.keySet()).containsExactlyInAnyOrderElementsOf(leads);
            first.kill();
            assertThat(received).as("nothing left the killed node").isEmpty();

            env.put("LEADFLOW_CRMEVENTS_POLLINTERVAL", "500ms");
            try (LeadflowApp second = start(env, "after-kill", first.port())) {
                await().atMost(Duration.ofMinutes(1)).until(() -> receivedIds(received, leads).values().stream()
                        .mapToInt(List::size).sum() >= committed.values().stream().mapToInt(List::size).sum());
                // a little longer: nothing arrives a second time
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> receivedIds(received, leads)
                                .equals(committedPrefix(second.api(), leads, received)));
                Map<String, List<String>> delivered = receivedIds(received, leads);
                for (String leadId : leads) {
                    assertThat(delivered.get(leadId)).as("lead " + leadId + ": every committed event, once, in order")
                            .startsWith(committed.get(leadId).toArray(String[]::new))
                            .doesNotHaveDuplicates();
                }
                synchronized (received) {
                    assertThat(received).allSatisfy(event -> assertThat(event.path("verified").asBoolean()).isTrue());
                }
            }
        } finally {
            receiver.stop(0);
        }
    }

    /** What the feed holds for each lead now, cut to what the receiver has seen (more may be on its way). */
    private static Map<String, List<String>> committedPrefix(Http api, List<String> leads, List<JsonNode> received) {
        Map<String, List<String>> feed = feedIds(api, leads);
        Map<String, List<String>> seen = receivedIds(received, leads);
        Map<String, List<String>> prefix = new LinkedHashMap<>();
        for (String leadId : leads) {
            List<String> all = feed.getOrDefault(leadId, List.of());
            prefix.put(leadId, all.subList(0, Math.min(all.size(), seen.getOrDefault(leadId, List.of()).size())));
        }
        return prefix;
    }

    private static Map<String, List<String>> feedIds(Http api, List<String> leads) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        String after = "0";
        while (true) {
            JsonNode page = read(api.get("/api/events?after=" + after + "&limit=1000").body());
            for (JsonNode event : page.path("events")) {
                if (leads.contains(event.path("leadId").asText())) {
                    ids.computeIfAbsent(event.path("leadId").asText(), lead -> new ArrayList<>())
                            .add(event.path("id").asText());
                }
            }
            if (page.path("events").isEmpty()) {
                return ids;
            }
            after = page.path("next").asText();
        }
    }

    private static Map<String, List<String>> receivedIds(List<JsonNode> received, List<String> leads) {
        synchronized (received) {
            return received.stream().filter(event -> leads.contains(event.path("leadId").asText()))
                    .collect(Collectors.groupingBy(event -> event.path("leadId").asText(), LinkedHashMap::new,
                            Collectors.mapping(event -> event.path("id").asText(), Collectors.toList())));
        }
    }

    /** The CRM's receiver: checks each request's signature as docs/crm-events.md tells a CRM to. */
    private static HttpServer receiver(List<JsonNode> received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/events", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            boolean verified = EventSignature.verify(SECRET,
                    exchange.getRequestHeaders().getFirst(EventSignature.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst(EventSignature.SIGNATURE_HEADER), body, Instant.now());
            var event = (com.fasterxml.jackson.databind.node.ObjectNode) read(body);
            event.put("verified", verified);
            received.add(event);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static LeadflowApp start(Map<String, String> env, String part, int port) throws IOException {
        Path log = LOGS.resolve("outbox-drill-" + part + ".log");
        List<String> jvm = List.of("-Xmx512m");
        Duration timeout = Duration.ofMinutes(3);
        return port == 0 ? LeadflowApp.start(part, jar(), jvm, env, USER, PASSWORD, log, timeout)
                : LeadflowApp.start(part, jar(), jvm, env, USER, PASSWORD, log, timeout, port);
    }

    private static Map<String, String> environment(ExternalServices.Endpoints services, FakeCloudApi cloudApi) {
        Map<String, String> env = new LinkedHashMap<>(Benchmark.ALWAYS_OPEN);
        env.put("SPRING_PROFILES_ACTIVE", "postgres");
        env.put("SPRING_DATASOURCE_URL", services.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", services.username());
        env.put("SPRING_DATASOURCE_PASSWORD", services.password());
        env.put("SPRING_DATA_REDIS_HOST", services.redisHost());
        env.put("SPRING_DATA_REDIS_PORT", String.valueOf(services.redisPort()));
        env.put("LEADFLOW_API_USERNAME", USER);
        env.put("LEADFLOW_API_PASSWORD", PASSWORD);
        env.put("LEADFLOW_ADMIN_USERNAME", "outbox-drill-admin");
        env.put("LEADFLOW_ADMIN_PASSWORD", PASSWORD + "-admin");
        env.put("LEADFLOW_WHATSAPP_BASE_URL", cloudApi.baseUrl());
        env.put("LEADFLOW_WHATSAPP_ACCESS_TOKEN", "outbox-drill-token");
        env.put("LEADFLOW_WHATSAPP_APP_SECRET", "outbox-drill-app-secret");
        env.put("LEADFLOW_WHATSAPP_VERIFY_TOKEN", "outbox-drill-verify");
        env.put("LEADFLOW_WHATSAPP_PHONE_NUMBER_ID", "100000000000067");
        return env;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("leadflow-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/leadflow-*.jar: run in the verify phase"));
        }
    }
}
