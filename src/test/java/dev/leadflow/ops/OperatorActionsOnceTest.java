package dev.leadflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * Every way an operator asks for a message again (the Messages tab's or the API's re-send, Send now, Skip,
 * Cockpit's incident Retry through {@code /engine-rest}, the send-failure form's Retry), in each order and
 * twice: the lead gets the step's message at most once, and what waited for it shows that it is done.
 */
class OperatorActionsOnceTest extends LeadflowIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WELCOME = "leadflow_welcome";

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void reSendTwiceSendsOnceAndClosesTheTask() throws Exception {
        long failed = welcomeRefusedToOps();
        assertThat(attempt(failed).path("resendable").asBoolean()).isTrue();

        ResponseEntity<String> first = resend(failed);
        ResponseEntity<String> second = resend(failed);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody()).contains("SENT", "completed the task");
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(JSON.readTree(second.getBody()).path("attemptId").asLong()).isEqualTo(resentAttempt(failed));
        assertThat(second.getBody()).contains("already sent again as attempt");
        engine.runDueJobs(leadId);
        assertThat(welcomesSent()).isEqualTo(1);
        assertThat(openTasks()).isEmpty();
        HistoricTaskInstance closed = failureTaskHistory();
        assertThat(closed.getEndTime()).isNotNull();
        assertThat(taskVariable(closed, "opsNote")).startsWith("Sent again by demo: SENT");
        assertThat(runtime.getActiveActivityIds(welcomeInstance())).containsExactly("WaitForReply");
        assertThat(messages()).allSatisfy(message -> assertThat(message.path("resendable").asBoolean()).isFalse());
    }

    @Test
    void reSendThenIncidentRetrySendsOnceAndResolvesTheIncident() throws Exception {
        long failed = welcomeRetriedUntilIncident();
        Job stopped = stoppedJob();

        assertThat(resend(failed).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(engineRest(HttpMethod.PUT, "/job/" + stopped.getId() + "/retries", "{\"retries\":1}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        engine.timePasses(leadId, Duration.ofHours(5));

        assertThat(welcomesSent()).isEqualTo(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(welcomeInstance()).list()).isEmpty();
        assertThat(history.createHistoricIncidentQuery().processInstanceId(welcomeInstance()).resolved().count())
                .isEqualTo(1);
        assertThat(runtime.getActiveActivityIds(welcomeInstance())).containsExactly("WaitForReply");
    }

    @Test
    void reSendThenTheFormsRetrySendsOnce() throws Exception {
        long failed = welcomeRefusedToOps();
        Task task = openTasks().get(0);
        // the lead is paused while ops look at it: the re-send cannot close the (suspended) task, only note it
        assertThat(post("/api/leads/" + leadId + "/pause").getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(resend(failed).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tasks.getVariableLocal(task.getId(), "resent").toString()).startsWith("Sent again by demo: SENT");
        assertThat(post("/api/leads/" + leadId + "/resume").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(engineRest(HttpMethod.POST, "/task/" + task.getId() + "/submit-form", """
                {"variables":{"sendFailureDecision":{"value":"retry"},"opsNote":{"value":"fixed the template"}}}""")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        engine.runDueJobs(leadId);

        assertThat(welcomesSent()).isEqualTo(1);
        assertThat(openTasks()).isEmpty();
        assertThat(runtime.getActiveActivityIds(welcomeInstance())).containsExactly("WaitForReply");
        assertThat(timeline()).contains("nothing sent: this step's message was already sent as " + leadId
                + ":welcome:welcome:resend-1");
    }

    @Test
    void incidentRetryThenReSendSendsOnce() throws Exception {
        long failed = welcomeRetriedUntilIncident();

        assertThat(engineRest(HttpMethod.PUT, "/job/" + stoppedJob().getId() + "/retries", "{\"retries\":1}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        // the job executor runs the retried job when it is due (its last retry left it due hours later)
        engine.timePasses(leadId, Duration.ofHours(5));
        assertThat(welcomesSent()).isEqualTo(1);
        ResponseEntity<String> resend = resend(failed);

        assertThat(welcomesSent()).isEqualTo(1);
        assertThat(resend.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(JSON.readTree(resend.getBody()).path("attemptId").asLong()).isEqualTo(failed);
        assertThat(runtime.createIncidentQuery().processInstanceId(welcomeInstance()).list()).isEmpty();
        assertThat(attempt(failed).path("resendable").asBoolean()).isFalse();
    }

    @Test
    void sendNowTwiceSendsOnce() throws Exception {
        welcomeRetriedUntilIncident();
        String path = "/api/leads/" + leadId + "/flows/" + welcomeInstance() + "/send-now";

        ResponseEntity<String> first = post(path);
        ResponseEntity<String> second = post(path);
        engine.runDueJobs(leadId);
        ResponseEntity<String> third = post(path);
        engine.runDueJobs(leadId);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody()).contains("with one more try");
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(third.getStatusCode()).isIn(HttpStatus.OK, HttpStatus.CONFLICT);
        assertThat(welcomesSent()).isEqualTo(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(welcomeInstance()).list()).isEmpty();
    }

    @Test
    void skipThenReSendSendsOnce() throws Exception {
        long failed = welcomeRetriedUntilIncident();

        ResponseEntity<String> skipped = post("/api/leads/" + leadId + "/flows/" + welcomeInstance() + "/skip");
        engine.runDueJobs(leadId);
        assertThat(welcomesSent()).isZero();
        ResponseEntity<String> first = resend(failed);
        ResponseEntity<String> second = resend(failed);
        engine.runDueJobs(leadId);

        assertThat(skipped.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(welcomesSent()).isEqualTo(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(welcomeInstance()).list()).isEmpty();
    }

    @Test
    void twoReSendsAtTheSameMomentSendOnce() throws Exception {
        long failed = welcomeRefusedToOps();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
        try {
            Callable<ResponseEntity<String>> click = () -> {
                start.await();
                return resend(failed);
            };
            answers.add(threads.submit(click));
            answers.add(threads.submit(click));
            start.countDown();
            List<HttpStatus> statuses = new ArrayList<>();
            for (Future<ResponseEntity<String>> answer : answers) {
                statuses.add(HttpStatus.valueOf(answer.get().getStatusCode().value()));
            }
            assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.CONFLICT);
        } finally {
            threads.shutdownNow();
        }
        engine.runDueJobs(leadId);

        assertThat(welcomesSent()).isEqualTo(1);
        assertThat(openTasks()).isEmpty();
        assertThat(failureTaskHistory().getEndTime()).isNotNull();
    }

    /** The welcome is refused for good (132001): the flow waits at its send-failure task. */
    private long welcomeRefusedToOps() throws Exception {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);
        cloudApi.recover();
        assertThat(openTasks()).hasSize(1);
        return onlyAttemptId();
    }

    /** The welcome keeps failing (131000) until its retries run out: an incident on the send step. */
    private long welcomeRetriedUntilIncident() throws Exception {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        cloudApi.failNextSends(131000, 50);
        engine.runDueJobs(leadId);
        for (int round = 0; round < 12 && management.createJobQuery().processInstanceId(welcomeInstance())
                .noRetriesLeft().count() == 0; round++) {
            engine.timePasses(leadId, Duration.ofHours(5));
        }
        cloudApi.recover();
        assertThat(runtime.createIncidentQuery().processInstanceId(welcomeInstance()).count()).isEqualTo(1);
        assertThat(welcomesSent()).isZero();
        return onlyAttemptId();
    }

    private long onlyAttemptId() throws Exception {
        JsonNode messages = messages();
        assertThat(messages).hasSize(1);
        return messages.get(0).path("id").asLong();
    }

    private Job stoppedJob() {
        return management.createJobQuery().processInstanceId(welcomeInstance()).noRetriesLeft().singleResult();
    }

    private long resentAttempt(long failed) throws Exception {
        return attempt(failed).path("resentAs").asLong();
    }

    private JsonNode attempt(long id) throws Exception {
        for (JsonNode message : messages()) {
            if (message.path("id").asLong() == id) {
                return message;
            }
        }
        throw new AssertionError("no attempt " + id);
    }

    private JsonNode messages() throws Exception {
        return JSON.readTree(api().getForObject("/api/leads/" + leadId + "/messages", String.class));
    }

    private long welcomesSent() {
        return cloudApi.templatesSentTo(phone).stream().filter(WELCOME::equals).count();
    }

    private String welcomeInstance() {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(leadId)
                .processDefinitionKey("welcome").singleResult().getId();
    }

    private List<Task> openTasks() {
        return tasks.createTaskQuery().processInstanceBusinessKey(leadId).list();
    }

    private HistoricTaskInstance failureTaskHistory() {
        return history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(leadId)
                .taskDefinitionKey("HandleWelcomeFailure").singleResult();
    }

    private String taskVariable(HistoricTaskInstance task, String name) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .variableName(name).list().stream().findFirst().map(v -> String.valueOf(v.getValue())).orElse(null);
    }

    private ResponseEntity<String> resend(long attemptId) {
        return post("/api/messages/" + attemptId + "/resend");
    }

    private ResponseEntity<String> post(String path) {
        return api().exchange(path, HttpMethod.POST, jsonBody("{}"), String.class);
    }

    private ResponseEntity<String> engineRest(HttpMethod method, String path, String json) {
        return api().exchange("/engine-rest" + path, method, jsonBody(json), String.class);
    }

    private String timeline() {
        return api().getForObject("/api/leads/" + leadId + "/timeline", String.class);
    }
}
