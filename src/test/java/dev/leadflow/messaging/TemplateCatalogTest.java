package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateCatalogTest {

    private final TemplateCatalog.Template template = template(Map.of("pt-BR", "pt_BR", "pt", "pt_PT", "en", "en_US"));

    @ParameterizedTest(name = "locale {0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "pt-BR, pt_BR", "pt_BR, pt_BR", "PT-br, pt_BR", "pt-PT, pt_PT", "pt, pt_PT", "en-GB, en_US",
            "de-DE, en_US", "null, en_US"})
    void fallsBackFromRegionToLanguageToEnglish(String locale, String language) {
        assertThat(template.languageFor(locale)).contains(language);
    }

    @ParameterizedTest
    @CsvSource({"es-MX"})
    void hasNoLanguageWhenNothingInTheChainIsTranslated(String locale) {
        assertThat(template(Map.of("pt-BR", "pt_BR")).languageFor(locale)).isEmpty();
    }

    /** What the sandbox shows: the body for the message's language (by its Meta code), else the free-form text. */
    @Test
    void showsTheBodyAndButtonLabelsOfTheLanguageAMessageWasSentIn() {
        template.setBody(Map.of("pt", "Olá {{1}}", "en", "Hi {{1}}"));
        template.setButtons(Map.of("en", List.of("I'll be there", "Reschedule")));

        assertThat(template.localeOf("pt_PT")).contains("pt");
        assertThat(template.bodyFor("pt-PT")).contains("Olá {{1}}");
        assertThat(template.bodyFor("de")).contains("Hi {{1}}");
        assertThat(template.buttonsFor("pt")).containsExactly("I'll be there", "Reschedule");

        TemplateCatalog.Template textOnly = template(Map.of("en", "en_US"));
        textOnly.setText(Map.of("en", "Hello {{1}}"));
        assertThat(textOnly.bodyFor("en")).contains("Hello {{1}}");
        assertThat(textOnly.buttonsFor("en")).isEmpty();
    }

    private static TemplateCatalog.Template template(Map<String, String> languages) {
        TemplateCatalog.Template template = new TemplateCatalog.Template();
        template.setName("t");
        template.setLanguages(languages);
        return template;
    }
}
