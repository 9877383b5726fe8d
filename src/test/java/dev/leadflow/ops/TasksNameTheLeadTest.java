package dev.leadflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/** What ops see in Tasklist: which lead a task is about, and the failed message in plain words. */
class TasksNameTheLeadTest extends LeadflowIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @Test
    void theSendFailureTaskNamesTheLeadAndTheFailedMessageInPlainWords() throws Exception {
        Task task = welcomeRefused();

        assertThat(task.getName()).isEqualTo("Welcome could not be sent: Ana");
        assertThat(task.getDescription()).contains("Ana", leadId).doesNotContain(phone);
        Map<String, Object> form = formVariables(task);
        assertThat(form).containsEntry("leadName", "Ana").containsEntry("messageTemplate", "leadflow_welcome (pt_BR)")
                .containsEntry("resent", "not yet");
        assertThat((String) form.get("leadPhone")).startsWith("+55").contains("*").isNotEqualTo(phone);
        assertThat((String) form.get("sendFailureInWords")).isEqualTo("the template does not exist in this name or"
                + " language at WhatsApp (a configuration error) (error 132001: Injected by the sandbox)");
        assertThat((String) form.get("sendFailure")).containsOnlyOnce("Injected by the sandbox")
                .containsOnlyOnce("132001");
        JsonNode message = JSON.readTree(api().getForObject("/api/leads/" + leadId + "/messages", String.class)).get(0);
        assertThat(form).containsEntry("messageAttemptId", message.path("id").asText());
        assertThat(message.path("errorMeaning").asText()).startsWith("the template does not exist");
        assertThat(message.path("errorDetail").asText()).isEqualTo("Injected by the sandbox");
    }

    @Test
    void aPausedLeadsTaskStaysInAllTasks() throws Exception {
        Task task = welcomeRefused();
        String allTasks = JSON.readTree(api().getForObject("/engine-rest/filter?name=All tasks", String.class))
                .get(0).path("id").asText();
        assertThat(listed(allTasks)).contains(task.getId());

        assertThat(api().exchange("/api/leads/" + leadId + "/pause", HttpMethod.POST, jsonBody("{}"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().isSuspended()).isTrue();
        assertThat(listed(allTasks)).contains(task.getId());
    }

    private Task welcomeRefused() {
        assertThat(putLead(leadId, TestLeads.leadJson(phone, true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);
        return tasks.createTaskQuery().processInstanceBusinessKey(leadId).singleResult();
    }

    /** The variables the task's form reads, as Tasklist fetches them. */
    private Map<String, Object> formVariables(Task task) throws Exception {
        JsonNode variables = JSON.readTree(api().getForObject("/engine-rest/task/" + task.getId()
                + "/form-variables", String.class));
        Map<String, Object> values = new java.util.HashMap<>();
        variables.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().path("value").isNull()
                ? null : field.getValue().path("value").asText()));
        return values;
    }

    /** The task ids Tasklist lists under the filter (the request Tasklist sends). */
    private String listed(String filterId) {
        return api().exchange("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=50",
                HttpMethod.POST, jsonBody("{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}"),
                String.class).getBody();
    }
}
