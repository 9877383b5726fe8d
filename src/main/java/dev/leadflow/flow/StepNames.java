package dev.leadflow.flow;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.springframework.stereotype.Component;

/**
 * The names a person reads for a flow and its steps, from the latest deployed diagram: "Welcome" for
 * {@code welcome}, "Send welcome" for the element {@code SendWelcome} and for the send step {@code welcome}
 * (the {@code step} input of a send task, as the message ledger records it). Anything unknown is answered as
 * given, so a page never shows less than before.
 */
@Component
public class StepNames {

    private final RepositoryService repository;
    /** By process definition id: deployments never change, a new version gets a new id. */
    private final Map<String, Names> byDefinition = new ConcurrentHashMap<>();

    StepNames(RepositoryService repository) {
        this.repository = repository;
    }

    /** The flow's name ("Welcome"), or its key when no diagram of that key is deployed. */
    public String flowName(String flow) {
        return flow == null ? null : names(flow).flow();
    }

    /** The step's name: {@code step} is an element id or a send step's name. */
    public String stepName(String flow, String step) {
        if (flow == null || step == null) {
            return step;
        }
        return names(flow).steps().getOrDefault(step, step);
    }

    private Names names(String flow) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(flow)
                .latestVersion().singleResult();
        if (latest == null) {
            return new Names(flow, Map.of());
        }
        return byDefinition.computeIfAbsent(latest.getId(), id -> read(flow, repository.getBpmnModelInstance(id)));
    }

    private static Names read(String flow, BpmnModelInstance model) {
        Map<String, String> steps = new HashMap<>();
        String flowName = flow;
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (flow.equals(process.getId()) && process.getName() != null) {
                flowName = process.getName();
            }
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (node.getName() == null || node.getName().isBlank()) {
                continue;
            }
            steps.put(node.getId(), node.getName());
            if (node.getExtensionElements() == null) {
                continue;
            }
            node.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()
                    .forEach(io -> io.getCamundaInputParameters().stream()
                            .filter(parameter -> "step".equals(parameter.getCamundaName()))
                            .map(CamundaInputParameter::getTextContent)
                            .filter(value -> value != null && !value.isBlank() && !value.contains("${"))
                            .forEach(value -> steps.putIfAbsent(value.trim(), node.getName())));
        }
        return new Names(flowName, Map.copyOf(steps));
    }

    private record Names(String flow, Map<String, String> steps) {
    }
}
