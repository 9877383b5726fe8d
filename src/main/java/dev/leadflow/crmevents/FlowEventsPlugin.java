package dev.leadflow.crmevents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * {@code flow.started}, {@code flow.ended} and {@code task.created} for the feed: a parse listener of its
 * own gives every process definition start and end listeners and every user task a create listener. They
 * are built-in listeners, so a flow cancelled with "skip custom listeners" (ops, erasure) still reports its
 * end; they run in the engine's transaction, so the event commits with the flow's state. Additive: it
 * changes nothing else of the engine (history level, other parse listeners).
 */
@Component
class FlowEventsPlugin extends AbstractProcessEnginePlugin {

    private final OutboundEvents events;

    FlowEventsPlugin(OutboundEvents events) {
        this.events = events;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new FlowEventsParseListener(events));
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /** Adds the listeners while a BPMN file is parsed. */
    static final class FlowEventsParseListener extends AbstractBpmnParseListener {

        private final OutboundEvents events;

        FlowEventsParseListener(OutboundEvents events) {
            this.events = events;
        }

        @Override
        public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
            String flow = processDefinition.getKey();
            processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                    (ExecutionListener) execution -> started(flow, execution));
            processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                    (ExecutionListener) execution -> ended(flow, execution));
        }

        @Override
        public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                String flow = ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
                userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE,
                        task -> taskCreated(flow, task));
            }
        }

        private void started(String flow, DelegateExecution execution) {
            events.record(EventType.FLOW_STARTED, execution.getProcessBusinessKey(), null, flowData(flow, execution));
        }

        private void ended(String flow, DelegateExecution execution) {
            Map<String, Object> data = flowData(flow, execution);
            data.put("cancelled", execution.isCanceled());
            data.put("endedAt", execution.getCurrentActivityId());
            events.record(EventType.FLOW_ENDED, execution.getProcessBusinessKey(), null, data);
        }

        private void taskCreated(String flow, DelegateTask task) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("flow", flow);
            data.put("processInstanceId", task.getProcessInstanceId());
            data.put("taskId", task.getId());
            data.put("task", task.getTaskDefinitionKey());
            data.put("name", task.getName());
            data.put("assignee", task.getAssignee());
            data.put("candidateGroups", task.getCandidates().stream()
                    .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                    .map(link -> link.getGroupId()).filter(Objects::nonNull).toList());
            String leadId = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
            events.record(EventType.TASK_CREATED, leadId, null, data);
        }

        private static Map<String, Object> flowData(String flow, DelegateExecution execution) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("flow", flow);
            data.put("processInstanceId", execution.getProcessInstanceId());
            return data;
        }
    }
}
