package dev.leadflow.drills;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.leadflow.support.DrillReport;
import dev.leadflow.support.PostgresProfileNode;
import dev.leadflow.support.PrivatePostgres;
import dev.leadflow.support.PrivateRedis;
import dev.leadflow.support.TestLeads;
import dev.leadflow.whatsapp.sandbox.SandboxMailbox;
import dev.leadflow.whatsapp.sandbox.SandboxMessage;

/**
 * PostgreSQL and Redis go away during a burst of new leads and come back. Leadflow runs on the
 * {@code postgres} profile with its real job executor, against a PostgreSQL and a Redis of the drill's
 * own (stopping the machine's would disturb everything else). The CRM sends each lead until it is
 * answered 2xx, as a CRM does; afterwards every lead has exactly one welcome: none lost, none doubled.
 */
class StorageOutageDrillIT {

    private static final String USER = "crm";
    private static final String PASSWORD = "drill-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static PrivatePostgres postgres;
    private static PrivateRedis redis;
    private static ConfigurableApplicationContext leadflow;

    @BeforeAll
    static void start() {
        postgres = PrivatePostgres.start();
        redis = PrivateRedis.start();
        leadflow = PostgresProfileNode.named("drill")
                .database(postgres.jdbcUrl(), "postgres", "")
                .redis("127.0.0.1", redis.port())
                .apiUser(USER, PASSWORD)
                .channel("100000000000055", "drill")
                .with("spring.datasource.hikari.connection-timeout", "2000")
                .with("leadflow.whatsapp.base-url", "")
                .with("leadflow.sandbox.enabled", "true")
                .with("leadflow.sandbox.status-delay", "50ms")
                .with("leadflow.coordination.retry-redis-after", "1s")
                // a job locked by a node that lost its database is taken up again soon
                .with("camunda.bpm.job-execution.lock-time-in-millis", "15000")
                .with("camunda.bpm.generic-properties.properties.failedJobRetryTimeCycle", "PT2S,PT4S,PT8S,PT16S,PT32S")
                .with("logging.level.root", "error")
                .start();
    }

    @AfterAll
    static void stop() {
        if (leadflow != null) {
            leadflow.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void postgresRestartedDuringABurstLosesNoLeadAndDoublesNoWelcome() throws Exception {
        Burst burst = new Burst(120);
        burst.run(40, () -> {
            postgres.stopImmediately();
            pause(Duration.ofSeconds(3));
            postgres.startServer();
        });
        burst.resendUntilAccepted();

        Instant recovered = Instant.now();
        burst.awaitOneWelcomeEach();
        burst.report("database-outage", Duration.between(recovered, Instant.now()));
    }

    @Test
    void redisStoppedDuringABurstSlowsSendingButLosesAndDoublesNothing() throws Exception {
        Burst burst = new Burst(120);
        List<String> healthDuringOutage = new ArrayList<>();
        burst.run(40, () -> {
            redis.stop();
            pause(Duration.ofSeconds(4));
            healthDuringOutage.add(healthOrError());
            redis.restart();
        });
        burst.resendUntilAccepted();

        Instant recovered = Instant.now();
        burst.awaitOneWelcomeEach();
        await().atMost(Duration.ofSeconds(30)).until(() -> health().contains("\"coordination\":{\"status\":\"UP\""));
        burst.report("redis-outage", Duration.between(recovered, Instant.now()));
        assertThat(healthDuringOutage.get(0)).contains("DEGRADED");
    }

    /** New consented leads, one after another, through the CRM API. */
    private static final class Burst {
        private final Map<String, String> phoneOfLead = new HashMap<>();
        private final Map<String, Integer> answerOfLead = new HashMap<>();
        private int requests;
        private int refused;

        Burst(int leads) {
            for (int i = 0; i < leads; i++) {
                phoneOfLead.put(TestLeads.newLeadId(), TestLeads.newPhone());
            }
        }

        void run(int outageAfter, Runnable outage) throws InterruptedException {
            Thread fault = null;
            int sent = 0;
            for (Map.Entry<String, String> lead : phoneOfLead.entrySet()) {
                if (sent++ == outageAfter) {
                    fault = new Thread(outage);
                    fault.start();
                }
                answerOfLead.put(lead.getKey(), put(lead.getKey(), lead.getValue()));
                pause(Duration.ofMillis(50));
            }
            fault.join();
        }

        void resendUntilAccepted() {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (Map.Entry<String, String> lead : phoneOfLead.entrySet()) {
                    if (answerOfLead.get(lead.getKey()) / 100 != 2) {
                        answerOfLead.put(lead.getKey(), put(lead.getKey(), lead.getValue()));
                    }
                }
                return answerOfLead.values().stream().allMatch(answer -> answer / 100 == 2);
            });
        }

        void awaitOneWelcomeEach() {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> welcomes().keySet().containsAll(phoneOfLead.values()));
        }

        void report(String drill, Duration recovery) {
            Map<String, Long> welcomes = welcomes();
            long duplicated = welcomes.values().stream().filter(count -> count > 1).count();
            long lost = phoneOfLead.values().stream().filter(phone -> !welcomes.containsKey(phone)).count();
            new DrillReport(drill)
                    .put("requestsMade", requests)
                    .put("requestsRefusedDuringOutage", refused)
                    .put("messagesExpected", phoneOfLead.size())
                    .put("messagesSent", welcomes.values().stream().mapToLong(Long::longValue).sum())
                    .put("duplicated", duplicated)
                    .put("lost", lost)
                    .put("recoverySeconds", recovery.toMillis() / 1000.0)
                    .write();
            assertThat(duplicated).isZero();
            assertThat(lost).isZero();
            assertThat(welcomes.values()).containsOnly(1L);
        }

        private Map<String, Long> welcomes() {
            java.util.Set<String> phones = new java.util.HashSet<>(phoneOfLead.values());
            return leadflow.getBean(SandboxMailbox.class).messages().stream()
                    .filter(m -> m.direction() == SandboxMessage.Direction.OUTBOUND && phones.contains(m.to()))
                    .collect(Collectors.groupingBy(SandboxMessage::to, Collectors.counting()));
        }

        private int put(String leadId, String phone) {
            requests++;
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/leads/" + leadId))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basic())
                        .PUT(HttpRequest.BodyPublishers.ofString(TestLeads.leadJson(phone, true)))
                        .build();
                int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 != 2) {
                    refused++;
                }
                return status;
            } catch (Exception e) {
                refused++;
                return 0;
            }
        }
    }

    private static String healthOrError() {
        try {
            return health();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String health() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .header("Authorization", basic()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body().replace(" ", "");
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) leadflow).getWebServer().getPort();
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** The outage lasts, or the CRM paces its requests: a fixed span of time, not a condition. */
    private static void pause(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
    }
}
