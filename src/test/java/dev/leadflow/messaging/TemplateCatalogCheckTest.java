package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplateCatalogCheckTest {

    @Test
    void aSoundCatalogHasNoProblems() {
        TemplateCatalog catalog = catalog(Map.of("meeting.reminder.24h", template("meeting_reminder",
                List.of("lead.name|there", "meeting.startsAt", "lead.attributes.plan", "flow.rewarmingRound"),
                Map.of("pt", "Oi {{1}}, até {{2}}!"))));

        assertThat(TemplateCatalogCheck.problems(catalog, property -> "file")).isEmpty();
    }

    @Test
    void eachProblemNamesTheFileAndTheKey() {
        TemplateCatalog catalog = catalog(Map.of(
                "welcome", template("leadflow_welcome", List.of("lead.nmae"), Map.of()),
                "reminder", template(" ", List.of("lead.name"), Map.of("en", "Hi {{1}}, see you {{2}}"))));

        List<String> problems = TemplateCatalogCheck.problems(catalog,
                property -> "file [config/leadflow-templates.yml] " + property);

        assertThat(problems).containsExactly(
                "file [config/leadflow-templates.yml] leadflow.templates[reminder].name: template key 'reminder'"
                        + " has no Meta template name",
                "file [config/leadflow-templates.yml] leadflow.templates[reminder].text[en]: template key 'reminder'"
                        + " text for en uses {{2}} but the entry has 1 parameter(s)",
                "file [config/leadflow-templates.yml] leadflow.templates[welcome].parameters[0]: template key"
                        + " 'welcome' parameters[0] 'lead.nmae' is not a known source (lead.locale, lead.name,"
                        + " lead.owner, lead.phone, lead.timezone, lead.attributes.<name>, meeting.confirmPayload,"
                        + " meeting.endsAt, meeting.id, meeting.joinUrl, meeting.reschedulePayload, meeting.startsAt,"
                        + " meeting.timezone, flow.<variable>)");
    }

    @Test
    void aTextVariantCannotCarryQuickReplies() {
        TemplateCatalog.Template template = template("confirm", List.of(), Map.of("en", "Confirm?"));
        template.setQuickReplies(List.of("flow.meetingId"));

        assertThat(TemplateCatalogCheck.problems(catalog(Map.of("confirm", template)), p -> "f"))
                .singleElement().asString().contains("cannot carry");
    }

    @Test
    void theTextVariantFollowsTheLocaleChainAndGetsTheParameters() {
        TemplateCatalog.Template template = template("welcome", List.of("lead.name"),
                Map.of("pt", "Oi {{1}}!", "en", "Hi {{1}}!"));

        assertThat(template.textFor("pt-BR")).contains("Oi {{1}}!");
        assertThat(template.textFor("de-DE")).contains("Hi {{1}}!");
        assertThat(TemplateParameters.fill("Oi {{1}}, até {{2}} ({{3}})", List.of("Ana", "amanhã")))
                .isEqualTo("Oi Ana, até amanhã ({{3}})");
    }

    private static TemplateCatalog catalog(Map<String, TemplateCatalog.Template> templates) {
        TemplateCatalog catalog = new TemplateCatalog();
        catalog.setTemplates(templates);
        return catalog;
    }

    private static TemplateCatalog.Template template(String name, List<String> parameters, Map<String, String> text) {
        TemplateCatalog.Template template = new TemplateCatalog.Template();
        template.setName(name);
        template.setLanguages(Map.of("en", "en_US"));
        template.setParameters(parameters);
        template.setText(text);
        return template;
    }
}
