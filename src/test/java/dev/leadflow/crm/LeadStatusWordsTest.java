package dev.leadflow.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The shipped CRM status words (application.yml), and the deprecated key they moved from. */
class LeadStatusWordsTest {

    @Test
    void crmLeadStatusesInAnySpellingMapToOneStatus() {
        LeadStatusWords words = words(shipped());

        assertThat(List.of("New", "new_lead", "NEW", " new  lead ")).allSatisfy(status ->
                assertThat(words.leadStatus(status)).contains("NEW"));
        assertThat(words.leadStatus("Contacted")).contains("CONTACTED");
        assertThat(words.leadStatus("qualifying")).contains("QUALIFYING");
        assertThat(words.leadStatus("Closed Lost")).contains("LOST");
        assertThat(words.leadStatus("Hot?")).isEmpty();
        assertThat(words.leadStatusOrWord(" Hot? ")).isEqualTo("Hot?");
        assertThat(words.leadStatusSpellings(List.of("lost"))).contains("lost", "closed lost", "closed_lost", "dead");
    }

    @Test
    void theDeprecatedLegacyKeyStillConfiguresTheWords() {
        StandardEnvironment environment = shipped();
        environment.getPropertySources().addFirst(new MapPropertySource("operator", Map.of(
                "leadflow.legacy.lead-statuses.aliases.LOST[0]", "gone")));

        LeadStatusWords words = words(environment);

        assertThat(words.leadStatus("Gone")).contains("LOST");
        assertThat(words.leadStatus("closed lost")).isEmpty();
    }

    private static LeadStatusWords words(StandardEnvironment environment) {
        LeadStatuses statuses = Binder.get(environment).bind("leadflow.leads", LeadStatuses.class).get();
        return new LeadStatusWords(statuses, environment);
    }

    private static StandardEnvironment shipped() {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                    .forEach(source -> environment.getPropertySources().addLast(source));
            return environment;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
