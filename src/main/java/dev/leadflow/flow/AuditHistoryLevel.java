package dev.leadflow.flow;

import java.util.Set;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;

/**
 * Leadflow's history level ({@code camunda.bpm.history-level: leadflow-audit}): everything of {@code full}
 * that tells what happened to a lead (process, activity and task instances, variables, incidents, failed
 * jobs, operator actions, decisions), without the records that repeat it. Left out: a variable's detail row
 * when it was only created or deleted (the variable's own history holds its current value; a change still
 * leaves a detail row with the new value), the job log of jobs created, deleted or run successfully (the
 * activity instances say what ran; failures and retries stay), the activity instances of elements a flow
 * only passes through (exclusive gateways and start events: the next step says which way the flow went, and
 * the flow's or sub-process's own record that it started), and the send task's own settings as variables local
 * to the task (the model and the message ledger hold them). docs/adr/0011-history-level.md
 */
final class AuditHistoryLevel extends AbstractHistoryLevel {

    static final String NAME = "leadflow-audit";
    // above Camunda's own levels (0 to 3), stored in ACT_GE_PROPERTY like them
    static final int ID = 30;

    private static final Set<HistoryEventType> LEFT_OUT_JOB_EVENTS =
            Set.of(HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_SUCCESS, HistoryEventTypes.JOB_DELETE);
    private static final Set<HistoryEventType> ACTIVITY_EVENTS = Set.of(HistoryEventTypes.ACTIVITY_INSTANCE_START,
            HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE, HistoryEventTypes.ACTIVITY_INSTANCE_END);
    private static final Set<HistoryEventType> VARIABLE_EVENTS = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
            HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_DELETE);
    // never a wait state, so never a step a lead waits at: the element after a gateway is recorded, and the
    // flow or sub-process that a start event starts is recorded too
    private static final Set<String> PASS_THROUGH_TYPES = Set.of(ActivityTypes.GATEWAY_EXCLUSIVE,
            ActivityTypes.START_EVENT, ActivityTypes.START_EVENT_MESSAGE, ActivityTypes.START_EVENT_TIMER,
            ActivityTypes.START_EVENT_SIGNAL, ActivityTypes.START_EVENT_CONDITIONAL, ActivityTypes.START_EVENT_ERROR,
            ActivityTypes.START_EVENT_ESCALATION, ActivityTypes.START_EVENT_COMPENSATION);
    private static final Set<String> SEND_STEP_SETTINGS =
            Set.of(FlowVariables.TEMPLATE_KEY, FlowVariables.STEP, FlowVariables.SEND_SCOPE);

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (LEFT_OUT_JOB_EVENTS.contains(eventType)) {
            return false;
        }
        if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL) {
            // asked per variable event once the variable's own history was written: keep the changes only
            return !(entity instanceof HistoryEvent event)
                    || event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE);
        }
        // asked with no entity when a diagram is parsed: the answer then decides whether to ask again per instance
        if (ACTIVITY_EVENTS.contains(eventType) && entity instanceof ExecutionEntity execution) {
            return !passesThrough(execution);
        }
        if (VARIABLE_EVENTS.contains(eventType) && entity instanceof VariableInstanceEntity variable) {
            return !isSendStepSetting(variable);
        }
        return true;
    }

    /** The same element for the start, update and end of its instance, so that none is half recorded. */
    private static boolean passesThrough(ExecutionEntity execution) {
        Object element = execution.getActivity() != null ? execution.getActivity() : execution.getEventSource();
        return element instanceof ScopeImpl activity
                && PASS_THROUGH_TYPES.contains(activity.getProperties().get(BpmnProperties.TYPE));
    }

    /** An input parameter of a send task: local to the task's own execution, gone when the task ends. */
    private static boolean isSendStepSetting(VariableInstanceEntity variable) {
        return SEND_STEP_SETTINGS.contains(variable.getName()) && variable.getTaskId() == null
                && variable.getExecutionId() != null
                && !variable.getExecutionId().equals(variable.getProcessInstanceId());
    }
}
