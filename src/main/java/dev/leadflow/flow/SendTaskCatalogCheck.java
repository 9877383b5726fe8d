package dev.leadflow.flow;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.TemplateCatalog;

/**
 * Stops the start when a BPMN send task names a template key the catalog does not know, or a service
 * task is not bound by delegate expression: a typo must fail at deployment, not at 09:00 on a Monday.
 */
@Component
class SendTaskCatalogCheck implements SmartInitializingSingleton {

    static final String SEND_DELEGATE = "${sendMessage}";

    private final TemplateCatalog catalog;

    SendTaskCatalogCheck(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:processes/**/*.bpmn")) {
                try (InputStream in = resource.getInputStream()) {
                    problems.addAll(check(resource.getFilename(), Bpmn.readModelFromStream(in), catalog));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the BPMN files in processes/", e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid send tasks:\n  " + String.join("\n  ", problems));
        }
    }

    static List<String> check(String file, BpmnModelInstance model, TemplateCatalog catalog) {
        List<String> problems = new ArrayList<>();
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            String where = file + " task '" + task.getId() + "'";
            if (task.getCamundaDelegateExpression() == null) {
                problems.add(where + " is not bound by delegate expression");
                continue;
            }
            if (!SEND_DELEGATE.equals(task.getCamundaDelegateExpression())) {
                continue;
            }
            String templateKey = inputParameter(task, FlowVariables.TEMPLATE_KEY);
            if (templateKey == null || templateKey.isBlank()) {
                problems.add(where + " has no templateKey input");
            } else if (catalog.find(templateKey).isEmpty()) {
                problems.add(where + " names template key '" + templateKey
                        + "', which is not in leadflow-templates.yml");
            }
            if (inputParameter(task, FlowVariables.STEP) == null) {
                problems.add(where + " has no step input");
            }
            if (!task.isCamundaAsyncBefore()) {
                problems.add(where + " must be asyncBefore, so a failed send is a retry, not a rollback");
            }
        }
        return problems;
    }

    private static String inputParameter(ServiceTask task, String name) {
        return task.getExtensionElements() == null ? null : task.getExtensionElements()
                .getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class)
                .list().stream()
                .flatMap(io -> io.getCamundaInputParameters().stream())
                .filter(p -> name.equals(p.getCamundaName()))
                .map(CamundaInputParameter::getTextContent)
                .findFirst().orElse(null);
    }
}
