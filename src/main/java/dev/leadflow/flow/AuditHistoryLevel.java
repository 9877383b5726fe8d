package dev.leadflow.flow;

import java.util.Set;

import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;

/**
 * Leadflow's history level ({@code camunda.bpm.history-level: leadflow-audit}): everything of {@code full}
 * that tells what happened to a lead (process, activity and task instances, variables, incidents, failed
 * jobs, operator actions, decisions), without the records that repeat it. Left out: a variable's detail row
 * when it was only created or deleted (the variable's own history holds its current value; a change still
 * leaves a detail row with the new value), and the job log of jobs created, deleted or run successfully (the
 * activity instances say what ran; failures and retries stay). docs/adr/0011-history-level.md
 */
final class AuditHistoryLevel extends AbstractHistoryLevel {

    static final String NAME = "leadflow-audit";
    // above Camunda's own levels (0 to 3), stored in ACT_GE_PROPERTY like them
    static final int ID = 30;

    private static final Set<HistoryEventType> LEFT_OUT_JOB_EVENTS =
            Set.of(HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_SUCCESS, HistoryEventTypes.JOB_DELETE);

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
        return true;
    }
}
