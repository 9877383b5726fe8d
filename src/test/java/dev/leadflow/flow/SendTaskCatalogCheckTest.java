package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.leadflow.messaging.TemplateCatalog;

/** The build fails when a BPMN service task is not bound by delegate expression or names an unknown template. */
class SendTaskCatalogCheckTest {

    private final TemplateCatalog catalog = catalogOf("leadflow-templates.yml");

    @Test
    void everyServiceTaskOfEveryFlowIsBoundByDelegateExpressionAndNamesAKnownTemplate() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn");
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        List<String> problems = new ArrayList<>();
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                problems.addAll(SendTaskCatalogCheck.check(file.getFilename(), Bpmn.readModelFromStream(in), catalog));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aClassBoundTaskAndAnUnknownTemplateKeyAreReported() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("bad").startEvent()
                .serviceTask("ByClass").camundaClass("dev.leadflow.Whatever")
                .serviceTask("UnknownTemplate").camundaDelegateExpression(SendTaskCatalogCheck.SEND_DELEGATE)
                .camundaAsyncBefore().camundaInputParameter("templateKey", "meeting.remindr.24h")
                .camundaInputParameter("step", "reminder")
                .endEvent().done();

        assertThat(SendTaskCatalogCheck.check("bad.bpmn", model, catalog)).containsExactly(
                "bad.bpmn task 'ByClass' is not bound by delegate expression",
                "bad.bpmn task 'UnknownTemplate' names template key 'meeting.remindr.24h', which is not in "
                        + "leadflow-templates.yml");
    }

    private static TemplateCatalog catalogOf(String file) {
        try {
            var sources = new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
            return new Binder(ConfigurationPropertySources.from(sources)).bind("leadflow", TemplateCatalog.class)
                    .get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
