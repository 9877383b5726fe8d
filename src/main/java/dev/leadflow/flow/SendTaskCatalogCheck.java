package dev.leadflow.flow;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
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

    static final String SEND_DELEGATE = SendTaskRules.SEND_DELEGATE;

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
            problems.addAll(SendTaskRules.problems(file + " task '" + task.getId() + "'",
                    task.getCamundaDelegateExpression(), task.isCamundaAsyncBefore(), inputParameters(task), catalog));
        }
        return problems;
    }

    private static Map<String, String> inputParameters(ServiceTask task) {
        Map<String, String> inputs = new HashMap<>();
        if (task.getExtensionElements() != null) {
            task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
                    .flatMap(io -> io.getCamundaInputParameters().stream())
                    .forEach(p -> inputs.putIfAbsent(p.getCamundaName(), p.getTextContent()));
        }
        return inputs;
    }
}
