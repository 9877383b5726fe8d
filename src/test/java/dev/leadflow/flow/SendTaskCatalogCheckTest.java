package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import dev.leadflow.messaging.TemplateCatalog;

/** The start stops on a catalog entry that cannot work, naming the file, the line and the key. */
class SendTaskCatalogCheckTest {

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
}
