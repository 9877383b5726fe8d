package dev.leadflow.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.springframework.stereotype.Component;

/**
 * Camunda's migration API over the flow's versions: one plan per older version with waiting leads, activities
 * mapped by id (the flows keep their ids across versions), event triggers updated (a timer's new duration
 * applies). Each lead migrates on its own, so one that cannot move does not hold the others.
 */
@Component
class CamundaFlowMigrations implements FlowMigrations {

    private final RepositoryService repository;
    private final RuntimeService runtime;

    CamundaFlowMigrations(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    @Override
    public Report dryRun(String flow) {
        return run(flow, false);
    }

    @Override
    public Report migrate(String flow) {
        return run(flow, true);
    }

    private Report run(String flow, boolean execute) {
        ProcessDefinition target = repository.createProcessDefinitionQuery().processDefinitionKey(flow)
                .latestVersion().singleResult();
        if (target == null) {
            throw new UnknownFlowException(flow);
        }
        BpmnModelInstance targetModel = repository.getBpmnModelInstance(target.getId());
        List<LeadMove> leads = new ArrayList<>();
        for (ProcessDefinition source : repository.createProcessDefinitionQuery().processDefinitionKey(flow)
                .orderByProcessDefinitionVersion().asc().list()) {
            if (source.getVersion() >= target.getVersion()) {
                continue;
            }
            List<ProcessInstance> instances = runtime.createProcessInstanceQuery()
                    .processDefinitionId(source.getId()).list();
            if (instances.isEmpty()) {
                continue;
            }
            BpmnModelInstance sourceModel = repository.getBpmnModelInstance(source.getId());
            MigrationPlan plan = null;
            String planProblem = null;
            try {
                plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities()
                        .updateEventTriggers().build();
            } catch (ProcessEngineException e) {
                planProblem = e.getMessage();
            }
            Map<String, String> mapping = new HashMap<>();
            if (plan != null) {
                for (MigrationInstruction instruction : plan.getInstructions()) {
                    mapping.put(instruction.getSourceActivityId(), instruction.getTargetActivityId());
                }
            }
            for (ProcessInstance instance : instances) {
                leads.add(move(instance, source, sourceModel, targetModel, mapping, plan, planProblem, execute));
            }
        }
        return new Report(flow, target.getVersion(), leads);
    }

    private LeadMove move(ProcessInstance instance, ProcessDefinition source, BpmnModelInstance sourceModel,
                          BpmnModelInstance targetModel, Map<String, String> mapping, MigrationPlan plan,
                          String planProblem, boolean execute) {
        List<String> waiting = runtime.getActiveActivityIds(instance.getId());
        List<String> waitsNow = waiting.stream().map(id -> nameOf(sourceModel, id)).toList();
        List<String> waitsAfter = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        String nextSend = null;
        for (String activity : waiting) {
            String mapped = mapping.get(activity);
            if (mapped == null) {
                unmapped.add(nameOf(sourceModel, activity));
                continue;
            }
            waitsAfter.add(nameOf(targetModel, mapped));
            if (nextSend == null) {
                nextSend = nextSend(targetModel.getModelElementById(mapped));
            }
        }
        String problem = planProblem != null ? planProblem
                : unmapped.isEmpty() ? null : "no step of the new version matches " + String.join(", ", unmapped);
        boolean migrated = false;
        if (execute && problem == null) {
            try {
                runtime.newMigration(plan).processInstanceIds(instance.getId()).execute();
                migrated = true;
            } catch (ProcessEngineException e) {
                problem = e.getMessage();
            }
        }
        return new LeadMove(instance.getBusinessKey(), instance.getId(), source.getVersion(), waitsNow, waitsAfter,
                nextSend, migrated, problem);
    }

    /** The first send reachable from the activity (itself included), following the sequence flows. */
    private static String nextSend(FlowElement from) {
        Deque<FlowElement> toVisit = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        toVisit.add(from);
        while (!toVisit.isEmpty()) {
            FlowElement element = toVisit.poll();
            if (element == null || !seen.add(element.getId())) {
                continue;
            }
            String send = sendOf(element);
            if (send != null) {
                return send;
            }
            if (element instanceof SubProcess subProcess) {
                subProcess.getChildElementsByType(StartEvent.class).forEach(toVisit::add);
            }
            if (element instanceof FlowNode node) {
                node.getOutgoing().stream().map(SequenceFlow::getTarget).forEach(toVisit::add);
            }
        }
        return null;
    }

    private static String sendOf(FlowElement element) {
        Map<String, String> inputs = new HashMap<>();
        if (element instanceof ServiceTask task
                && SendTaskRules.SEND_DELEGATE.equals(task.getCamundaDelegateExpression())
                && task.getExtensionElements() != null) {
            task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
                    .flatMap(io -> io.getCamundaInputParameters().stream())
                    .forEach(p -> inputs.put(p.getCamundaName(), p.getTextContent()));
        } else if (element instanceof CallActivity call && SendStepFlow.PROCESS_KEY.equals(call.getCalledElement())
                && call.getExtensionElements() != null) {
            call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
                    .filter(in -> in.getCamundaTarget() != null && in.getCamundaSourceExpression() != null)
                    .forEach(in -> inputs.put(in.getCamundaTarget(), in.getCamundaSourceExpression()));
        } else {
            return null;
        }
        return inputs.get(FlowVariables.TEMPLATE_KEY) + " (" + inputs.get(FlowVariables.STEP) + ")";
    }

    private static String nameOf(BpmnModelInstance model, String activityId) {
        FlowElement element = model.getModelElementById(activityId);
        return element == null || element.getName() == null ? activityId : element.getName();
    }
}
