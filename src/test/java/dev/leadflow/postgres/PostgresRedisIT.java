package dev.leadflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.coordination.Coordination;
import dev.leadflow.flow.FlowMessages;
import dev.leadflow.support.ExternalServices;
import dev.leadflow.support.TestLeads;
import dev.leadflow.support.WebhookFixtures;
import dev.leadflow.whatsapp.sandbox.SandboxMailbox;

/**
 * The {@code postgres} profile end to end, with the real job executor: PostgreSQL for the engine and
 * the ledger, Redis for coordination, the sandbox as the Cloud API fake.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "leadflow.api.username=crm", "leadflow.api.password=s3cret-for-tests",
        "leadflow.admin.username=it-admin", "leadflow.admin.password=it-admin-secret",
        // replaced by the @DynamicPropertySource below; set here so the start-up check sees them
        "spring.datasource.username=from-external-services", "spring.datasource.password=from-external-services",
        "leadflow.sandbox.enabled=true", "leadflow.sandbox.status-delay=20ms", "leadflow.whatsapp.base-url=",
        "leadflow.whatsapp.access-token=it-token", "leadflow.whatsapp.app-secret=it-secret",
        "leadflow.whatsapp.verify-token=it-verify", "leadflow.whatsapp.phone-number-id=100000000000009",
        // its own name: engines are registered by name JVM-wide, beside the shared test context's "default"
        "camunda.bpm.process-engine-name=postgres-it",
        "camunda.bpm.job-execution.wait-time-in-millis=200", "camunda.bpm.job-execution.max-wait=1000",
        // this test runs on the real clock: quiet hours would make it depend on the hour it runs at
        "leadflow.markets.default.send-from=00:00", "leadflow.markets.default.send-until=24:00",
        "leadflow.markets.default.closed-days=", "leadflow.inbound.sweep-interval=1s"})
@ActiveProfiles("postgres")
@ExtendWith(OutputCaptureExtension.class)
class PostgresRedisIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ExternalServices.Endpoints services = ExternalServices.start("it");
        registry.add("spring.datasource.url", services::jdbcUrl);
        registry.add("spring.datasource.username", services::username);
        registry.add("spring.datasource.password", services::password);
        registry.add("spring.data.redis.host", services::redisHost);
        registry.add("spring.data.redis.port", services::redisPort);
    }

    @Autowired
    private TestRestTemplate http;
    @Autowired
    private SandboxMailbox cloudApi;
    @Autowired
    private Coordination coordination;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private JobExecutor jobExecutor;

    @Test
    void aNewLeadGetsExactlyOneWelcomeAndItsDeliveryShowsInTheTimeline() throws Exception {
        String leadId = TestLeads.newLeadId();
        String phone = TestLeads.newPhone();

        ResponseEntity<String> created = api().exchange("/api/leads/" + leadId, HttpMethod.PUT,
                json(TestLeads.leadJson(phone, true)), String.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        await().atMost(Duration.ofSeconds(30)).until(() -> !cloudApi.outboundTo(phone).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(leadId).contains("MESSAGE_DELIVERED"));

        assertThat(cloudApi.outboundTo(phone)).hasSize(1);
        assertThat(kinds(leadId)).contains("FLOW_STARTED", "STEP_REACHED", "MESSAGE_SENT", "MESSAGE_DELIVERED");
    }

    @Test
    void fiveConcurrentCreationsSendOneWelcome() throws Exception {
        String leadId = TestLeads.newLeadId();
        String phone = TestLeads.newPhone();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch start = new CountDownLatch(1);
        List<HttpStatus> statuses = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 5; i++) {
            pool.submit(() -> {
                start.await();
                statuses.add((HttpStatus) api().exchange("/api/leads/" + leadId, HttpMethod.PUT,
                        json(TestLeads.leadJson(phone, true)), String.class).getStatusCode());
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(leadId).contains("MESSAGE_SENT"));
        assertThat(statuses).hasSize(5).filteredOn(HttpStatus.CREATED::equals).hasSize(1);
        assertThat(cloudApi.outboundTo(phone)).hasSize(1);
    }

    @Test
    void theRedisLeadLockLetsOneSendAtATime() throws Exception {
        String leadId = TestLeads.newLeadId();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        other.submit(() -> coordination.withLeadLock(leadId, Duration.ofSeconds(1), () -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "first";
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(coordination.withLeadLock(leadId, Duration.ofMillis(200), () -> "second")).isEmpty();
        release.countDown();
        other.shutdown();
        assertThat(other.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(coordination.withLeadLock(leadId, Duration.ofSeconds(1), () -> "second")).contains("second");
        assertThat(coordination.backend()).isEqualTo("redis");
    }

    @Test
    void aStoredReplyThatNoWorkerProcessedIsTakenByTheSweeperAndEndsTheWelcome() throws Exception {
        String leadId = TestLeads.newLeadId();
        String phone = TestLeads.newPhone();
        api().exchange("/api/leads/" + leadId, HttpMethod.PUT, json(TestLeads.leadJson(phone, true)), String.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(leadId).list().stream().anyMatch(instance -> runtime
                        .createEventSubscriptionQuery().processInstanceId(instance.getId())
                        .eventName(FlowMessages.LEAD_REPLIED).count() > 0));
        String wamid = WebhookFixtures.newWamid();
        // stored by a node that stopped before its worker ran
        jdbc.sql("insert into webhook_delivery (received_at, body, attempts, next_attempt_at) values (?, ?, 1, ?)")
                .params(OffsetDateTime.now(ZoneOffset.UTC), WebhookFixtures.payload(WebhookFixtures.messagesChange(
                                List.of(WebhookFixtures.text(wamid, phone, Instant.now(), "sim"))))
                                // sent to this node's business number, the one the lead's flows write from
                                .replace(WebhookFixtures.PHONE_NUMBER_ID, "100000000000009"),
                        OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
                .update();

        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(leadId).contains("FLOW_ENDED"));
        assertThat(kinds(leadId)).contains("REPLY_RECEIVED");
        assertThat(jdbc.sql("select outcome from webhook_delivery where body like ?").param("%" + wamid + "%")
                .query(String.class).single()).isEqualTo("PROCESSED");
    }

    @Test
    void jobAcquisitionFindsTheRunningJobsThroughAnIndexOfThemAlone() {
        assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = 'leadflow_idx_job_locked'")
                .query(String.class).single())
                .contains("act_ru_job", "(process_instance_id_)", "WHERE (lock_owner_ IS NOT NULL)");
        assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = 'leadflow_idx_job_duedate'")
                .query(String.class).single()).contains("(duedate_)");
    }

    @Test
    void aBacklogOfSendsIsAcquiredInBatchesAsTheQueueFreesUpAndEachLeadGetsOneWelcome() throws Exception {
        int leads = 48;
        List<String> phones = new ArrayList<>();
        double queriesBefore;
        double acquiredBefore;
        jobExecutor.shutdown();
        try {
            for (int lead = 0; lead < leads; lead++) {
                String phone = TestLeads.newPhone();
                phones.add(phone);
                assertThat(api().exchange("/api/leads/" + TestLeads.newLeadId(), HttpMethod.PUT,
                        json(TestLeads.leadJson(phone, true)), String.class).getStatusCode())
                        .isEqualTo(HttpStatus.CREATED);
            }
            queriesBefore = metric("leadflow.jobs.acquisitions?tag=found:jobs");
            acquiredBefore = metric("leadflow.jobs.acquired");
        } finally {
            jobExecutor.start();
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> phones.stream().allMatch(phone -> !cloudApi.outboundTo(phone).isEmpty()));

        phones.forEach(phone -> assertThat(cloudApi.outboundTo(phone)).hasSize(1));
        double queries = metric("leadflow.jobs.acquisitions?tag=found:jobs") - queriesBefore;
        double acquired = metric("leadflow.jobs.acquired") - acquiredBefore;
        assertThat(acquired).isGreaterThanOrEqualTo(leads);
        // full batches of 8 (max-jobs-per-acquisition) while the backlog lasts: a saturated executor that queried
        // for every place freed in its queue would bring one to four jobs a query
        assertThat(queries).isLessThanOrEqualTo(Math.ceil(acquired / 8) + 1);
    }

    @Test
    void aServerRunningWithoutAutovacuumIsToldAtStartUp(CapturedOutput output) {
        boolean off = "off".equals(jdbc.sql("show autovacuum").query(String.class).single());

        assertThat(output.getAll().contains("PostgreSQL runs without autovacuum")).isEqualTo(off);
    }

    private List<String> kinds(String leadId) throws Exception {
        ResponseEntity<String> timeline = api().getForEntity("/api/leads/" + leadId + "/timeline", String.class);
        List<String> kinds = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(timeline.getBody())) {
            kinds.add(entry.path("kind").asText());
        }
        return kinds;
    }

    private double metric(String name) throws Exception {
        ResponseEntity<String> answer = http.withBasicAuth("it-admin", "it-admin-secret")
                .getForEntity("/actuator/metrics/" + name, String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(answer.getBody()).path("measurements").path(0).path("value").asDouble();
    }

    private TestRestTemplate api() {
        return http.withBasicAuth("crm", "s3cret-for-tests");
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
