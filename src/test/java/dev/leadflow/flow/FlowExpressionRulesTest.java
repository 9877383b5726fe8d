package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.ModelerDeploy;

/**
 * Flows reach only the beans of FlowBeans: a deployment (as Modeler posts it) that names anything else, climbs
 * to the engine or runs a script is refused with a message an analyst can act on, and the engine would not
 * resolve anything else anyway.
 */
class FlowExpressionRulesTest extends LeadflowIntegrationTest {

    private static final String PROBE = "camunda:expression=\"${execution.setVariable('t', "
            + "environment.getProperty('leadflow.whatsapp.access-token'))}\"";

    @Test
    void theSecretsProbeIsRefusedForTheCrmLogin() {
        String key = newKey();

        ResponseEntity<String> answer = ModelerDeploy.deploy(http.withBasicAuth("test-crm", "test-crm-secret"),
                key + ".bpmn", ModelerDeploy.serviceTaskFlow(key, "Probe", PROBE));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertNotDeployed(key);
    }

    @Test
    void theSecretsProbeIsHarmlessForTheAdmin() {
        String key = newKey();

        ResponseEntity<String> answer = ModelerDeploy.deploy(api(), key + ".bpmn",
                ModelerDeploy.serviceTaskFlow(key, "Probe", PROBE));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("Service task 'Probe' (Task) uses ${execution.setVariable(",
                "which flows may not use", "'environment' is part of the application",
                "allowed: execution, task, the flow's variables and dispatchRewarming")
                .doesNotContain("sandbox-access-token", "sandbox-app-secret");
        assertNotDeployed(key);
    }

    @Test
    void aFlowNamingABeanNotListedIsRefused() {
        String key = newKey();

        ResponseEntity<String> answer = ModelerDeploy.deploy(
                http.withBasicAuth("test-analyst", "test-analyst-secret"), key + ".bpmn",
                ModelerDeploy.serviceTaskFlow(key, "Send through the service",
                        "camunda:delegateExpression=\"${messagingService}\""));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("Service task 'Send through the service' (Task) uses "
                + "${messagingService}, which flows may not use ('messagingService' is part of the application, "
                + "not of the flow); allowed: "
                + "execution, task, the flow's variables and dispatchRewarming, escalateTask, markRewarmingCandidate, "
                + "meetingTime, sendFailureTask, sendMessage");
        assertNotDeployed(key);
    }

    @Test
    void climbingFromTheExecutionToTheEngineJavaClassesAndScriptsAreRefused() {
        String[] bindings = {
                "camunda:expression=\"${execution.processEngineServices.runtimeService}\"",
                "camunda:expression=\"${execution.getClass().forName('java.lang.Runtime')}\"",
                "camunda:expression=\"${sendMessage['class']}\"",
                "camunda:class=\"dev.leadflow.flow.SendMessageDelegate\""};
        for (String binding : bindings) {
            String key = newKey();

            ResponseEntity<String> answer = ModelerDeploy.deploy(api(), key + ".bpmn",
                    ModelerDeploy.serviceTaskFlow(key, "Sneaky", binding));

            assertThat(answer.getStatusCode()).as(binding).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody()).as(binding).contains("Service task 'Sneaky' (Task)");
            assertNotDeployed(key);
        }
        String key = newKey();
        ResponseEntity<String> script = ModelerDeploy.deploy(api(), key + ".bpmn", ModelerDeploy.serviceTaskFlow(key,
                "Send", "camunda:delegateExpression=\"${sendMessage}\"").replace("<bpmn:endEvent id=\"End\" />",
                "<bpmn:endEvent id=\"End\"><bpmn:extensionElements><camunda:executionListener event=\"start\">"
                        + "<camunda:script scriptFormat=\"javascript\">java.lang.System.exit(1)</camunda:script>"
                        + "</camunda:executionListener></bpmn:extensionElements></bpmn:endEvent>"));
        assertThat(script.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(script.getBody()).contains("End event 'End' runs a script, which flows may not do");
    }

    @Test
    void aFlowUsingTheListedBeansDeploys() {
        String key = newKey();

        ResponseEntity<String> answer = ModelerDeploy.deploy(api(), key + ".bpmn", ModelerDeploy.serviceTaskFlow(key,
                "Send", "camunda:delegateExpression=\"${sendMessage}\""));

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theEngineResolvesOnlyTheListedBeans() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        Expression probe = configuration.getExpressionManager()
                .createExpression("${environment.getProperty('leadflow.whatsapp.access-token')}");
        Expression helper = configuration.getExpressionManager().createExpression("${meetingTime}");

        assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired()
                .execute(context -> probe.getValue(StartProcessVariableScope.getSharedInstance())))
                .hasMessageContaining("Cannot resolve identifier 'environment'");
        Object resolved = configuration.getCommandExecutorTxRequired()
                .execute(context -> helper.getValue(StartProcessVariableScope.getSharedInstance()));
        assertThat(resolved).isInstanceOf(MeetingTime.class);
    }

    private void assertNotDeployed(String key) {
        assertThat(processEngine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
                .count()).isZero();
    }

    private static String newKey() {
        return "probe" + UUID.randomUUID().toString().replace("-", "");
    }
}
