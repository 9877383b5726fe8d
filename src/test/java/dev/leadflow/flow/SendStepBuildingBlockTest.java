package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reusable send step (processes/send-step.bpmn), called the way the "Send WhatsApp message (with ops
 * fallback)" template does it, by a probe flow: one element sends once under the calling flow's name, hands a
 * message that cannot be sent to ops in Tasklist, and ends the caller's step on "number invalid".
 */
class SendStepBuildingBlockTest extends FlowScenarioTest {

    private static final String PROBE = "sendStepProbe";

    @Autowired
    private RepositoryService repository;

    @BeforeEach
    void deployTheProbe() {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(PROBE).count() == 0) {
            repository.createDeployment().name(PROBE).addClasspathResource("bpmn/send-step-probe.bpmn").deploy();
        }
    }

    @Test
    void oneElementSendsOnceUnderTheCallingFlowsName() {
        ProcessInstance probe = startProbe();

        runDueJobs();

        assertThat(sent()).containsExactly("leadflow_test_utility");
        assertThat(probe).isEnded().hasPassed("EndProbeSent");
        assertThat(jdbc.sql("select flow || '/' || step from message_attempt where lead_id = ?").param(leadId)
                .query(String.class).list()).containsExactly(PROBE + "/probe");
        ProcessInstance step = stepOf();
        assertThat(step).isEnded().hasPassed(SendStepFlow.SEND, SendStepFlow.END_SEND_HANDLED);
        System.out.printf("send step rows: caller %d + building block %d activity instances, %d variables%n",
                history.createHistoricActivityInstanceQuery().processInstanceId(probe.getId()).count(),
                history.createHistoricActivityInstanceQuery().processInstanceId(step.getId()).count(),
                history.createHistoricVariableInstanceQuery().processInstanceId(step.getId()).count());
    }

    @Test
    void aMessageThatCannotBeSentGoesToOpsWhoRetryIt() {
        ProcessInstance probe = startProbe();
        cloudApi.failNextSends(132001, 1);

        runDueJobs();

        ProcessInstance step = runningStepOf(probe);
        assertThat(step).isWaitingAt(SendStepFlow.HANDLE_SEND_FAILURE);
        Task task = openTask(step);
        assertThat(task.getName()).isEqualTo("Message could not be sent");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup("ops").count()).isEqualTo(1);
        opsDecide(step, SendFailureDecision.RETRY);
        runDueJobs();

        assertThat(sent()).containsExactly("leadflow_test_utility");
        assertThat(probe).isEnded().hasPassed("EndProbeSent");
    }

    @Test
    void anInvalidNumberEndsTheCallersStepThroughItsBoundaryEvent() {
        ProcessInstance probe = startProbe();
        cloudApi.failNextSends(132001, 1);
        runDueJobs();

        opsDecide(runningStepOf(probe), "numberInvalid");

        assertThat(probe).isEnded().hasPassed("EndProbeNumberInvalid").hasNotPassed("EndProbeSent");
        assertThat(cloudApi.received(phone)).isEmpty();
    }

    private ProcessInstance startProbe() {
        consentedLeadWithoutWelcome();
        return runtime.startProcessInstanceByKey(PROBE, leadId, Map.of(FlowVariables.LEAD_ID, leadId));
    }

    private ProcessInstance runningStepOf(ProcessInstance probe) {
        return runtime.createProcessInstanceQuery().superProcessInstanceId(probe.getId()).singleResult();
    }

    private ProcessInstance stepOf() {
        return anyFlowOf(SendStepFlow.PROCESS_KEY);
    }
}
