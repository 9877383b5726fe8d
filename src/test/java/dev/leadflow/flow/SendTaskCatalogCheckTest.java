package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.leadflow.messaging.TemplateCatalog;

/**
 * The start stops on a catalog entry that cannot work, naming the file, the line and the key; and the build fails
 * when a BPMN service task is not bound by delegate expression or names an unknown template.
 */
class SendTaskCatalogCheckTest {

    private final TemplateCatalog catalog = catalogOf("leadflow-templates.yml");

    @Test
    void aParameterWithoutSourceStopsTheStartNamingFileAndKey(@TempDir Path config) throws IOException {
        Path file = config.resolve("leadflow-templates.yml");
        Files.writeString(file, """
                leadflow:
                  templates:
                    "[welcome]":
                      name: leadflow_welcome
                      languages: { "[en]": en_US }
                    "[followup.1]":
                      name: leadflow_followup_1
                      languages: { "[en]": en_US }
                    "[meeting.reminder.24h]":
                      name: meeting_reminder
                      languages: { "[en]": en_US }
                      parameters: [ "lead.name", "meeting.startAt" ]
                """);
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("deployment catalog", new FileSystemResource(file))
                .forEach(environment.getPropertySources()::addFirst);
        TemplateCatalog catalog = Binder.get(environment).bind("leadflow", TemplateCatalog.class).get();

        assertThatThrownBy(() -> new SendTaskCatalogCheck(catalog, environment).afterSingletonsInstantiated())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file + "] - 12:")
                .hasMessageContaining("template key 'meeting.reminder.24h' parameters[1] 'meeting.startAt' is not a"
                        + " known source");
    }

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
