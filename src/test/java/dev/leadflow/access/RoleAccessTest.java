package dev.leadflow.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.ModelerDeploy;
import dev.leadflow.support.TestLeads;

/**
 * Every role against every group of endpoints, allowed and refused. "allowed" means the request got past
 * the access checks (a 2xx, or the 400/404 its made-up input earns); "refused" means 403. The logins are the
 * test profile's (application-test.yml); demo is the embedded default's admin.
 */
class RoleAccessTest extends LeadflowIntegrationTest {

    private static final Map<String, String[]> LOGINS = Map.of(
            "crm", new String[] {"test-crm", "test-crm-secret"},
            "ops", new String[] {"test-ops", "test-ops-secret"},
            "sales", new String[] {"test-sales", "test-sales-secret"},
            "analyst", new String[] {"test-analyst", "test-analyst-secret"},
            "admin", new String[] {"demo", "demo"});

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # role  | method | path                                          | body                        | outcome
            crm     | PUT    | /api/leads/role-test                          | {}                          | allowed
            ops     | PUT    | /api/leads/role-test                          | {}                          | refused
            analyst | PUT    | /api/leads/role-test                          | {}                          | refused
            admin   | PUT    | /api/leads/role-test                          | {}                          | allowed
            crm     | POST   | /api/leads/role-test/events                   | {}                          | allowed
            ops     | POST   | /api/leads/role-test/events                   | {}                          | refused
            analyst | POST   | /api/leads/role-test/events                   | {}                          | refused
            crm     | GET    | /api/leads/role-test/timeline                 |                             | allowed
            ops     | GET    | /api/leads/role-test/timeline                 |                             | allowed
            analyst | GET    | /api/leads/role-test/flows                    |                             | allowed
            crm     | GET    | /api/meetings/role-test/flows                 |                             | allowed
            crm     | GET    | /api/leads/role-test/messages                 |                             | allowed
            crm     | POST   | /api/subscriptions                            | {}                          | allowed
            ops     | POST   | /api/subscriptions                            | {}                          | refused
            crm     | GET    | /api/events                                   |                             | allowed
            crm     | GET    | /api/experiments                              |                             | allowed
            crm     | POST   | /api/experiments/no-such-one/promote          | {"reason":"test"}           | refused
            analyst | POST   | /api/experiments/no-such-one/promote          | {"reason":"test"}           | allowed
            crm     | POST   | /engine-rest/message                          | {"messageName":"NoSuchOne"} | allowed
            ops     | POST   | /engine-rest/message                          | {"messageName":"NoSuchOne"} | refused
            analyst | POST   | /engine-rest/message                          | {"messageName":"NoSuchOne"} | refused
            admin   | POST   | /engine-rest/message                          | {"messageName":"NoSuchOne"} | allowed
            crm     | GET    | /engine-rest/deployment                       |                             | refused
            crm     | GET    | /engine-rest/process-instance                 |                             | refused
            crm     | GET    | /engine-rest/variable-instance                |                             | refused
            crm     | GET    | /engine-rest/user                             |                             | refused
            crm     | GET    | /engine-rest/history/process-instance         |                             | refused
            analyst | GET    | /engine-rest/deployment                       |                             | allowed
            analyst | GET    | /engine-rest/history/process-instance         |                             | allowed
            analyst | POST   | /engine-rest/process-definition/key/welcome/start | {}                      | refused
            analyst | POST   | /engine-rest/user/create                      | {"profile":{"id":"roleTestA"}} | refused
            ops     | GET    | /engine-rest/process-instance                 |                             | allowed
            ops     | GET    | /engine-rest/group/ops                        |                             | allowed
            ops     | GET    | /engine-rest/authorization                    |                             | allowed
            ops     | POST   | /engine-rest/user/create                      | {"profile":{"id":"roleTestO"}} | refused
            admin   | GET    | /engine-rest/group/camunda-admin              |                             | allowed
            crm     | GET    | /api/ops/stuck-leads                          |                             | refused
            analyst | GET    | /api/ops/stuck-leads                          |                             | refused
            ops     | GET    | /api/ops/stuck-leads                          |                             | allowed
            sales   | GET    | /api/ops/stuck-leads                          |                             | allowed
            admin   | GET    | /api/ops/stuck-leads                          |                             | allowed
            crm     | POST   | /api/leads/role-test/pause                    | {"reason":"test"}           | refused
            analyst | POST   | /api/leads/role-test/pause                    | {"reason":"test"}           | refused
            ops     | POST   | /api/leads/role-test/pause                    | {"reason":"test"}           | allowed
            crm     | POST   | /api/messages/999999999/resend                | {"reason":"test"}           | refused
            ops     | POST   | /api/messages/999999999/resend                | {"reason":"test"}           | allowed
            admin   | POST   | /api/messages/999999999/resend                | {"reason":"test"}           | allowed
            crm     | GET    | /api/legacy/flows                             |                             | refused
            ops     | GET    | /api/legacy/flows                             |                             | allowed
            analyst | DELETE | /api/leads/role-test-unknown                  |                             | refused
            crm     | DELETE | /api/leads/role-test-unknown                  |                             | allowed
            crm     | GET    | /actuator/prometheus                          |                             | refused
            ops     | GET    | /actuator/metrics                             |                             | refused
            analyst | GET    | /actuator/prometheus                          |                             | refused
            admin   | GET    | /actuator/prometheus                          |                             | allowed
            crm     | GET    | /sandbox/api/messages                         |                             | refused
            analyst | GET    | /sandbox/api/messages                         |                             | refused
            ops     | GET    | /sandbox/api/messages                         |                             | allowed
            admin   | GET    | /sandbox/api/messages                         |                             | allowed
            """)
    void eachRoleReachesWhatItNeedsAndNothingElse(String role, String method, String path, String body,
                                                  String outcome) {
        ResponseEntity<String> answer = as(role).exchange(path, HttpMethod.valueOf(method),
                body == null ? null : jsonBody(body), String.class);

        if (outcome.equals("allowed")) {
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isNotIn(401, 403);
        } else {
            assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    @ParameterizedTest(name = "{0} deploys as Modeler: {1}")
    @CsvSource({"crm, refused", "ops, refused", "analyst, allowed", "admin, allowed"})
    void onlyAnalystsAndTheAdminDeploy(String role, String outcome) {
        String key = "roleProbe" + UUID.randomUUID().toString().replace("-", "");

        ResponseEntity<String> answer = ModelerDeploy.deploy(as(role), key + ".bpmn",
                ModelerDeploy.serviceTaskFlow(key, "Send", "camunda:delegateExpression=\"${sendMessage}\""));

        if (outcome.equals("allowed")) {
            assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        } else {
            assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(processEngine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
                    .count()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} logs in to {1}: {2}")
    @CsvSource({
            "crm, cockpit, refused", "crm, tasklist, refused", "crm, admin, refused",
            "ops, cockpit, allowed", "ops, tasklist, allowed", "ops, admin, refused",
            "sales, tasklist, allowed",
            "analyst, cockpit, allowed", "analyst, tasklist, refused", "analyst, admin, refused",
            "admin, cockpit, allowed", "admin, tasklist, allowed", "admin, admin, allowed"})
    void camundasWebappsLetInWhomTheyServe(String role, String app, String outcome) throws Exception {
        String[] login = LOGINS.get(role);

        int status = WebappLogin.status(http.getRootUri(), app, login[0], login[1]);

        assertThat(status).isEqualTo(outcome.equals("allowed") ? 200 : 403);
    }

    @ParameterizedTest(name = "{0} acts on the Leadflow page: {1}")
    @CsvSource({"analyst, refused", "ops, allowed", "admin, allowed"})
    void theLeadflowPagesInterventionsAreForOperators(String role, String outcome) throws Exception {
        String[] login = LOGINS.get(role);

        java.net.http.HttpResponse<String> answer = WebappLogin.postAsCockpitUser(http.getRootUri(), login[0], login[1],
                "/camunda/api/cockpit/plugin/leadflow/default/leads/role-test-unknown/pause", "{\"reason\":\"test\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(outcome.equals("allowed") ? 404 : 403);
        if (outcome.equals("refused")) {
            assertThat(answer.body()).contains("Interventions are for operators");
        }
    }

    /** The outside contract: the CRM's own login correlates a message to a lead's waiting flows, as before. */
    @Test
    void theCrmCorrelatesAMessageThroughCamundasApi() {
        String leadId = TestLeads.newLeadId();
        assertThat(as("crm").exchange("/api/leads/" + leadId, HttpMethod.PUT,
                jsonBody(TestLeads.leadJson(TestLeads.newPhone(), true)), String.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        engine.runDueJobs(leadId);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count()).isPositive();

        ResponseEntity<String> answer = as("crm").postForEntity("/engine-rest/message", jsonBody(
                "{\"messageName\":\"LeadReplied\",\"businessKey\":\"" + leadId + "\",\"all\":true}"), String.class);

        assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count())
                .as("the lead's flows ended on the reply").isZero();
    }

    @Test
    void aWrongPasswordIsRefusedForEveryKindOfStoredPassword() {
        assertThat(http.withBasicAuth("test-sales", "not-it").getForEntity("/api/ops/stuck-leads", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("test-ops", "not-it").getForEntity("/api/ops/stuck-leads", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private TestRestTemplate as(String role) {
        String[] login = LOGINS.get(role);
        return http.withBasicAuth(login[0], login[1]);
    }
}
