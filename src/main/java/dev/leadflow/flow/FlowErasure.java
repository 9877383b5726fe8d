package dev.leadflow.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import dev.leadflow.flow.FlowPort.ErasedFlows;

/**
 * Removes a lead's flows from the engine on an erasure request: its running flows cancelled, then their
 * history (variables, steps, job log, incidents, operator actions) deleted, in the caller's transaction.
 */
@Component
class FlowErasure {

    static final String DELETE_REASON = "erased on request";

    private final RuntimeService runtime;
    private final HistoryService history;

    FlowErasure(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    ErasedFlows erase(String leadId) {
        long running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count();
        // the roots only: deleting one deletes the flows it called (deleting a called flow as well, after its
        // caller, fails in the engine)
        List<String> roots = runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId)
                .rootProcessInstances().list().stream().map(ProcessInstance::getId).toList();
        if (!roots.isEmpty()) {
            runtime.deleteProcessInstancesIfExists(roots, DELETE_REASON, true, true, false);
        }
        List<String> histories = historiesOf(leadId);
        if (!histories.isEmpty()) {
            // operator actions outlive a deleted instance in Camunda's operation log: remove them first
            for (String instanceId : histories) {
                history.createUserOperationLogQuery().processInstanceId(instanceId).list()
                        .forEach(entry -> history.deleteUserOperationLogEntry(entry.getId()));
            }
            history.deleteHistoricProcessInstancesIfExists(histories);
        }
        return new ErasedFlows((int) running, histories.size());
    }

    /** The lead's flows and the flows they called, which may not carry the business key. */
    private List<String> historiesOf(String leadId) {
        Set<String> ids = new LinkedHashSet<>();
        Deque<String> toVisit = new ArrayDeque<>();
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(leadId).list()
                .forEach(instance -> toVisit.add(instance.getId()));
        while (!toVisit.isEmpty()) {
            String id = toVisit.poll();
            if (ids.add(id)) {
                history.createHistoricProcessInstanceQuery().superProcessInstanceId(id).list().stream()
                        .map(HistoricProcessInstance::getId).forEach(toVisit::add);
            }
        }
        return new ArrayList<>(ids);
    }
}
