package dev.leadflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.leadflow.support.DrillReport;
import dev.leadflow.support.ExternalServices;
import dev.leadflow.support.TestLeads;

/**
 * Leadflow's JVM is killed (SIGKILL) while hundreds of welcomes are in flight, then started again on the
 * same database. Every expected message reaches the Cloud API exactly once: sends whose answer died
 * with the JVM are reconciled by their status webhooks (which the fake, like Meta, delivers again until
 * Leadflow is back), never sent again. Runs the packaged jar, so it belongs to the integration-test phase.
 */
class CrashDrillIT {

    private static final int LEADS = 300;
    private static final String USER = "crm";
    private static final String PASSWORD = "crash-drill-secret";
    private static final String APP_SECRET = "crash-drill-app-secret";
    private static final String PHONE_NUMBER_ID = "100000000000066";
    private static final Path LOGS = Path.of("target", "drills");

    @Test
    void aKillMidBurstLosesNothingAndSendsNothingTwice() throws Exception {
        ExternalServices.Endpoints services = ExternalServices.start("crash");
        Files.createDirectories(LOGS);
        try (FakeCloudApi cloudApi = new FakeCloudApi("crash-drill-token", 16)) {
            cloudApi.latency(Duration.ofMillis(50));
            cloudApi.redeliverUntilAccepted();
            Map<String, String> env = environment(services, cloudApi);
            LeadflowApp first = start(env, "before-crash", 0);
            cloudApi.reportStatuses(List.of("sent", "delivered"),
                    new StatusWebhooks(first.open(), APP_SECRET, PHONE_NUMBER_ID));

            List<String> leads = createLeads(first.api());
            await().atMost(Duration.ofMinutes(2)).until(() -> cloudApi.received() >= LEADS / 4);
            int beforeKill = cloudApi.received();
            first.kill();
            Instant killedAt = Instant.now();

            try (LeadflowApp second = start(env, "after-crash", first.port())) {
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> welcomed(cloudApi).keySet().containsAll(leads));
                Duration recovery = Duration.between(killedAt, Instant.now());
                Map<String, Long> welcomes = welcomed(cloudApi);
                long duplicated = welcomes.values().stream().filter(count -> count > 1).count();
                long lost = leads.stream().filter(lead -> !welcomes.containsKey(lead)).count();
                new DrillReport("crash-mid-burst")
                        .put("requestsMade", LEADS)
                        .put("messagesExpected", LEADS)
                        .put("sentBeforeKill", beforeKill)
                        .put("messagesSent", welcomes.values().stream().mapToLong(Long::longValue).sum())
                        .put("duplicated", duplicated)
                        .put("lost", lost)
                        .put("recoverySeconds", recovery.toMillis() / 1000.0)
                        .write();
                assertThat(duplicated).isZero();
                assertThat(lost).isZero();
                assertThat(cloudApi.duplicates()).isEmpty();
            }
        }
    }

    /** Welcomes received per lead: the callback data is the idempotency key {@code lead:welcome:welcome}. */
    private static Map<String, Long> welcomed(FakeCloudApi cloudApi) {
        return cloudApi.receipts(receipt -> "welcome".equals(receipt.flow())).stream()
                .collect(Collectors.groupingBy(FakeCloudApi.Receipt::leadId, Collectors.counting()));
    }

    private static List<String> createLeads(Http api) throws Exception {
        List<String> leads = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Http.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            String leadId = TestLeads.newLeadId();
            leads.add(leadId);
            String body = TestLeads.leadJson(TestLeads.newPhone(), true);
            answers.add(clients.submit(() -> api.put("/api/leads/" + leadId, body)));
        }
        for (Future<Http.Answer> answer : answers) {
            assertThat(answer.get().status()).isEqualTo(201);
        }
        clients.shutdown();
        return leads;
    }

    private static LeadflowApp start(Map<String, String> env, String part, int port) throws IOException {
        Path log = LOGS.resolve("crash-drill-" + part + ".log");
        List<String> jvm = List.of("-Xmx512m");
        Duration timeout = Duration.ofMinutes(3);
        return port == 0 ? LeadflowApp.start(part, jar(), jvm, env, USER, PASSWORD, log, timeout)
                : LeadflowApp.start(part, jar(), jvm, env, USER, PASSWORD, log, timeout, port);
    }

    private static Map<String, String> environment(ExternalServices.Endpoints services, FakeCloudApi cloudApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "postgres");
        env.put("SPRING_DATASOURCE_URL", services.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", services.username());
        env.put("SPRING_DATASOURCE_PASSWORD", services.password());
        env.put("SPRING_DATA_REDIS_HOST", services.redisHost());
        env.put("SPRING_DATA_REDIS_PORT", String.valueOf(services.redisPort()));
        env.put("LEADFLOW_API_USERNAME", USER);
        env.put("LEADFLOW_API_PASSWORD", PASSWORD);
        env.put("LEADFLOW_ADMIN_USERNAME", "crash-drill-admin");
        env.put("LEADFLOW_ADMIN_PASSWORD", PASSWORD + "-admin");
        env.put("LEADFLOW_WHATSAPP_BASE_URL", cloudApi.baseUrl());
        env.put("LEADFLOW_WHATSAPP_ACCESS_TOKEN", "crash-drill-token");
        env.put("LEADFLOW_WHATSAPP_APP_SECRET", APP_SECRET);
        env.put("LEADFLOW_WHATSAPP_VERIFY_TOKEN", "crash-drill-verify");
        env.put("LEADFLOW_WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
        env.put("LEADFLOW_MESSAGING_CHANNEL_RATE_PER_SECOND", "40");
        // a send killed between its PENDING mark and the HTTP call never reached the fake, so no status
        // settles it: the quiet period decides, shortened here so the drill sees it through (it starts at the
        // request, and the restart must deliver the statuses of the sends that did arrive before it ends)
        env.put("LEADFLOW_MESSAGING_AMBIGUITYQUIETPERIOD", "90s");
        env.put("LEADFLOW_MESSAGING_AMBIGUOUSSENDPOLICY_MARKETING", "resend-once");
        env.putAll(Benchmark.ALWAYS_OPEN);
        // jobs locked by the killed JVM are taken up again after 15 s instead of 2 minutes
        env.put("CAMUNDA_BPM_JOB_EXECUTION_LOCK_TIME_IN_MILLIS", "15000");
        return env;
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("leadflow-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/leadflow-*.jar: run in the verify phase"));
        }
    }
}
