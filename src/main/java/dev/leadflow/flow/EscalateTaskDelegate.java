package dev.leadflow.flow;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * An SLA passed on the flow's open user tasks: they go to the top of Tasklist and become visible to the
 * group named by the input parameter {@code escalateTo} (e.g. sales-managers).
 */
@Component("escalateTask")
class EscalateTaskDelegate implements JavaDelegate {

    static final String ESCALATE_TO = "escalateTo";
    static final int ESCALATED_PRIORITY = 100;

    @Override
    public void execute(DelegateExecution execution) {
        String group = (String) execution.getVariableLocal(ESCALATE_TO);
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()) {
            tasks.setPriority(task.getId(), ESCALATED_PRIORITY);
            tasks.addCandidateGroup(task.getId(), group);
        }
    }
}
