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
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.TemplateCatalog;
import dev.leadflow.messaging.TemplateCatalogCheck;

/**
 * Stops the start when a BPMN send task names a template key the catalog does not know, a service task
 * is not bound by delegate expression, or a catalog entry cannot work (a parameter with no source...):
 * a typo must fail at deployment, not at 09:00 on a Monday. Each problem names its file and key.
 */
@Component
class SendTaskCatalogCheck implements SmartInitializingSingleton {

    static final String SEND_DELEGATE = "${sendMessage}";

    private final TemplateCatalog catalog;
    private final Environment environment;

    SendTaskCatalogCheck(TemplateCatalog catalog, Environment environment) {
        this.catalog = catalog;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>(TemplateCatalogCheck.problems(catalog, this::origin));
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
            throw new IllegalStateException("Invalid send tasks or template catalog:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /**
     * Where a catalog property was read from: the file and line (e.g. of ./config/leadflow-templates.yml),
     * else the first place that defines anything of the same template.
     */
    private String origin(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        ConfigurationPropertyName template = name;
        while (template.getNumberOfElements() > 3) {
            template = template.getParent();
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null && found.getOrigin() != null) {
                return found.getOrigin().toString();
            }
            if (source instanceof IterableConfigurationPropertySource iterable) {
                for (ConfigurationPropertyName candidate : iterable) {
                    ConfigurationProperty sibling = template.isAncestorOf(candidate)
                            ? source.getConfigurationProperty(candidate) : null;
                    if (sibling != null && sibling.getOrigin() != null) {
                        return sibling.getOrigin().toString();
                    }
                }
            }
        }
        return "leadflow-templates.yml";
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
