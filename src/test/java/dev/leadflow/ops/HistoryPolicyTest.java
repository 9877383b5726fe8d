package dev.leadflow.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * The history policy of docs/privacy.md: Leadflow's audit history level (full history without the records
 * that repeat it, docs/adr/0011-history-level.md), a removal time per flow from its BPMN historyTimeToLive
 * (at most two years), cleaned up in a nightly window.
 */
class HistoryPolicyTest extends LeadflowIntegrationTest {

    private static final Duration LONGEST_TIME_TO_LIVE = Duration.ofDays(730);

    @Autowired
    private RepositoryService repository;

    @Test
    void everyFlowDeclaresHowLongItsHistoryIsKept() throws IOException {
        List<Path> diagrams;
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            diagrams = files.filter(file -> file.toString().endsWith(".bpmn")).toList();
        }
        assertThat(diagrams).isNotEmpty();
        for (Path diagram : diagrams) {
            for (Process process : Bpmn.readModelFromFile(diagram.toFile()).getModelElementsByType(Process.class)) {
                String timeToLive = process.getCamundaHistoryTimeToLiveString();
                assertThat(timeToLive).as("%s: historyTimeToLive of process %s", diagram, process.getId()).isNotBlank();
                Duration kept = timeToLive.startsWith("P") ? Duration.parse(timeToLive)
                        : Duration.ofDays(Long.parseLong(timeToLive));
                assertThat(kept).as("%s: history kept %s", diagram, timeToLive)
                        .isPositive().isLessThanOrEqualTo(LONGEST_TIME_TO_LIVE);
            }
        }
    }

    @Test
    void theEngineKeepsTheAuditHistoryAndCleansItUpAtNight() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();

        assertThat(configuration.getHistoryLevel().getName()).isEqualTo("leadflow-audit");
        assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();
        assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
        assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    }

    @Test
    void aChangedVariableLeavesADetailButItsFirstValueLeavesNone() {
        String instanceId = startProbe(Map.of("decision", "wait"));

        runtime.setVariable(instanceId, "decision", "retry");

        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).variableName("decision")
                .singleResult().getValue()).isEqualTo("retry");
        assertThat(history.createHistoricDetailQuery().processInstanceId(instanceId).variableUpdates().list())
                .extracting(detail -> ((HistoricVariableUpdate) detail).getValue())
                .containsExactly("retry");
    }

    @Test
    void aFailedJobStaysInTheJobLogAndASuccessfulOneLeavesOnlyItsActivity() {
        String instanceId = startProbe(Map.of("fail", true));
        Job job = management.createJobQuery().processInstanceId(instanceId).singleResult();

        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("probeFailure");
        runtime.setVariable(instanceId, "fail", false);
        management.executeJob(job.getId());

        assertThat(history.createHistoricJobLogQuery().processInstanceId(instanceId).list())
                .extracting(log -> log.isFailureLog())
                .containsExactly(true);
        assertThat(history.createHistoricJobLogQuery().processInstanceId(instanceId).failureLog().singleResult()
                .getJobExceptionMessage()).contains("probeFailure");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).activityId("Work")
                .singleResult().getEndTime()).isNotNull();
    }

    @Test
    void aWelcomeLeavesItsStepsAndOutcomeButNotTheGatewaysItCrossedNorTheSendTasksSettings() {
        String leadId = TestLeads.newLeadId();
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true));
        engine.runDueJobs(leadId);
        String welcomeId = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(leadId)
                .processDefinitionKey("welcome").singleResult().getId();

        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(welcomeId)
                .orderPartiallyByOccurrence().asc().list())
                .extracting(HistoricActivityInstance::getActivityId)
                .containsExactly("Greeting", "SendWelcome", "EndGreeted", "WaitForReply");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(welcomeId).list())
                .extracting(HistoricVariableInstance::getName)
                .contains("leadId", "sendOutcome")
                .doesNotContain("templateKey", "step");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(welcomeId)
                .variableName("sendOutcome").singleResult().getValue()).asString().startsWith("SENT");
    }

    private String startProbe(Map<String, Object> variables) {
        BpmnModelInstance model = Bpmn.createExecutableProcess("historyLevelProbe")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .intermediateThrowEvent("Work").camundaAsyncBefore()
                .camundaExecutionListenerExpression("start", "${fail ? probeFailure.raise() : true}")
                .receiveTask("Wait")
                .endEvent()
                .done();
        repository.createDeployment().addModelInstance("history-level-probe.bpmn", model)
                .enableDuplicateFiltering(true).deploy();
        Map<String, Object> all = new java.util.HashMap<>(Map.of("fail", false));
        all.putAll(variables);
        String instanceId = runtime.startProcessInstanceByKey("historyLevelProbe", all).getId();
        if (!Boolean.TRUE.equals(all.get("fail"))) {
            management.executeJob(management.createJobQuery().processInstanceId(instanceId).singleResult().getId());
        }
        return instanceId;
    }
}
