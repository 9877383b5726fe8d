package dev.leadflow.support;

import java.time.Instant;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.util.AopTestUtils;

import dev.leadflow.coordination.Coordination;
import dev.leadflow.coordination.InMemoryCoordination;
import dev.leadflow.whatsapp.sandbox.SandboxMailbox;

/**
 * Base of the tests that drive the whole application over HTTP on the embedded default (H2, sandbox).
 * Every subclass shares this exact configuration, so Spring starts the application once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class LeadflowIntegrationTest {

    /** A fixed Wednesday noon in UTC, so no test depends on when it runs. */
    protected static final Instant TEST_START = Instant.parse("2026-03-04T15:00:00Z");

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected ProcessEngine processEngine;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected HistoryService history;
    @Autowired
    protected TaskService tasks;
    @Autowired
    protected ManagementService management;
    @Autowired
    private SandboxMailbox mailbox;
    @Autowired
    private Coordination coordination;

    protected Engine engine;
    protected CloudApiFake cloudApi;

    @BeforeEach
    void startAtAKnownTime() {
        AbstractAssertions.init(processEngine);
        Engine.setNow(TEST_START);
        engine = new Engine(management, runtime);
        cloudApi = new CloudApiFake(mailbox);
        cloudApi.recover();
        // every test sets the same engine time: without this, limits counted by one would hold the next
        if (AopTestUtils.getUltimateTargetObject(coordination) instanceof InMemoryCoordination inMemory) {
            inMemory.forgetLimits();
        }
    }

    @AfterEach
    void resetClockAndFaults() {
        ClockUtil.reset();
        cloudApi.recover();
    }

    protected TestRestTemplate api() {
        return http.withBasicAuth("demo", "demo");
    }

    protected ResponseEntity<String> putLead(String leadId, String json) {
        return api().exchange("/api/leads/" + leadId, HttpMethod.PUT, jsonBody(json), String.class);
    }

    protected ResponseEntity<String> postEvent(String leadId, String json) {
        return api().exchange("/api/leads/" + leadId + "/events", HttpMethod.POST, jsonBody(json), String.class);
    }

    protected static HttpEntity<String> jsonBody(String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(json, headers);
    }
}
