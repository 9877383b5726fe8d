package dev.leadflow.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.ModelerDeploy;
import dev.leadflow.support.TestLeads;

/**
 * Tasklist as an operator finds it: one saved filter per operator group, "My tasks" for what is assigned to
 * them (a lead's owner), nobody else's filters; and flows may hand tasks only to configured groups.
 */
class TasklistSetupTest extends LeadflowIntegrationTest {

    @AfterEach
    void forgetTheUser() {
        processEngine.getIdentityService().clearAuthentication();
    }

    @Test
    void anOperatorSeesTheFilterOfTheirGroupWithItsTasks() {
        String leadId = TestLeads.newLeadId();
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true));
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);
        Task opsTask = tasks.createTaskQuery().processInstanceBusinessKey(leadId).singleResult();
        assertThat(opsTask).as("the welcome's send-failure task").isNotNull();

        List<String> visible = filtersOf("test-ops", "ops");

        assertThat(visible).contains("Tasks of ops", "My tasks").doesNotContain("Tasks of sales", "All tasks");
        Filter opsFilter = filters().createTaskFilterQuery().filterName("Tasks of ops").singleResult();
        assertThat(filters().<Task>list(opsFilter.getId())).extracting(Task::getId).contains(opsTask.getId());
    }

    @Test
    void aSalesPersonSeesTheirGroupAndTheTasksAssignedToThem() {
        String leadId = TestLeads.newLeadId();
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true));
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(leadId).singleResult();
        tasks.setAssignee(task.getId(), "test-sales");

        assertThat(filtersOf("test-sales", "sales")).contains("Tasks of sales", "My tasks")
                .doesNotContain("Tasks of ops");
        Filter mine = filters().createTaskFilterQuery().filterName("My tasks").singleResult();
        processEngine.getIdentityService().setAuthentication("test-sales", List.of("sales"));
        assertThat(filters().<Task>list(mine.getId())).extracting(Task::getId).contains(task.getId());
    }

    @Test
    void aFlowGivingATaskToAGroupNobodyIsInIsRefused() {
        String key = "groups" + UUID.randomUUID().toString().replace("-", "");

        ResponseEntity<String> answer = ModelerDeploy.deploy(api(), key + ".bpmn",
                ModelerDeploy.userTaskFlow(key, "sails"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("User task 'Call the lead' (Call) gives its task to group 'sails', "
                + "which is not configured; configured groups: ops, sales, sales-managers, analysts");
        assertThat(ModelerDeploy.deploy(api(), key + ".bpmn", ModelerDeploy.userTaskFlow(key, "sales-managers"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** The filters Tasklist offers the user at login (those they may read), by name. */
    private List<String> filtersOf(String user, String group) {
        processEngine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            return filters().createTaskFilterQuery().list().stream().map(Filter::getName).toList();
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }

    private FilterService filters() {
        return processEngine.getFilterService();
    }
}
