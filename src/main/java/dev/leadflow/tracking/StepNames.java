package dev.leadflow.tracking;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * The names an analyst gave the steps in Modeler ("Send welcome"), for the ids the engine reports
 * ("SendWelcome") and for the {@code step} a send task passes to the ledger ("welcome"). A deployed
 * definition never changes, so each is read once.
 */
@Component
public class StepNames {

    private static final String STEP_PARAMETER = "step";

    private final RepositoryService repository;
    private final Map<String, Names> byDefinition = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> latestByKey = new ConcurrentHashMap<>();

    StepNames(RepositoryService repository) {
        this.repository = repository;
    }

    /** The name of activity {@code activityId} of the definition, or the id when it has none. */
    String ofActivity(String processDefinitionId, String activityId) {
        if (processDefinitionId == null || activityId == null) {
            return activityId;
        }
        return names(processDefinitionId).activities.getOrDefault(activityId, activityId);
    }

    /** The name of the send task of flow {@code processKey} whose {@code step} parameter is {@code step}. */
    String ofSendStep(String processKey, String step) {
        if (processKey == null || step == null) {
            return step;
        }
        return latestByKey.computeIfAbsent(processKey, key -> repository.createProcessDefinitionQuery()
                        .processDefinitionKey(key).latestVersion().list().stream().findFirst()
                        .map(ProcessDefinition::getId))
                .map(definitionId -> names(definitionId).sendSteps.getOrDefault(step, step))
                .orElse(step);
    }

    /** The name of flow {@code processKey} as drawn ("Welcome"), or the key when it has none. */
    public String ofFlow(String processKey) {
        if (processKey == null) {
            return null;
        }
        return latest(processKey)
                .map(definitionId -> names(definitionId).processes.getOrDefault(processKey, processKey))
                .orElse(processKey);
    }

    /** A step of flow {@code processKey} named by its element id or by its send step: its name, or as given. */
    public String ofStep(String processKey, String step) {
        if (processKey == null || step == null) {
            return step;
        }
        return latest(processKey).map(this::names)
                .map(names -> names.activities.getOrDefault(step, names.sendSteps.getOrDefault(step, step)))
                .orElse(step);
    }

    private Optional<String> latest(String processKey) {
        return latestByKey.computeIfAbsent(processKey, key -> repository.createProcessDefinitionQuery()
                .processDefinitionKey(key).latestVersion().list().stream().findFirst()
                .map(ProcessDefinition::getId));
    }

    private Names names(String processDefinitionId) {
        return byDefinition.computeIfAbsent(processDefinitionId, id -> read(repository.getBpmnModelInstance(id)));
    }

    private static Names read(BpmnModelInstance model) {
        Map<String, String> activities = new HashMap<>();
        Map<String, String> sendSteps = new HashMap<>();
        Map<String, String> processes = new HashMap<>();
        for (org.camunda.bpm.model.bpmn.instance.Process process
                : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)) {
            if (process.getName() != null && !process.getName().isBlank()) {
                processes.put(process.getId(), process.getName().strip());
            }
        }
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            String name = element.getName() == null ? null : element.getName().replaceAll("\\s+", " ").strip();
            if (name == null || name.isEmpty()) {
                continue;
            }
            activities.put(element.getId(), name);
        }
        for (CamundaInputParameter parameter : model.getModelElementsByType(CamundaInputParameter.class)) {
            ModelElementInstance owner = parameter.getParentElement();
            while (owner != null && !(owner instanceof FlowElement)) {
                owner = owner.getParentElement();
            }
            if (owner instanceof FlowElement step && STEP_PARAMETER.equals(parameter.getCamundaName())
                    && activities.containsKey(step.getId())) {
                sendSteps.putIfAbsent(parameter.getTextContent().strip(), activities.get(step.getId()));
            }
        }
        return new Names(activities, sendSteps, processes);
    }

    private record Names(Map<String, String> activities, Map<String, String> sendSteps,
                         Map<String, String> processes) {
    }
}
