package dev.leadflow.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.NotBlank;

/**
 * Template key (what a BPMN send task names) to Meta template, bound from {@code leadflow.templates} and
 * checked at start-up ({@link MessagingConfiguration}).
 */
public class TemplateCatalog {

    /** Language used when none of the lead's locale chain has a translation. */
    static final String LAST_RESORT_LANGUAGE = "en";

    private Map<String, Template> templates = Map.of();

    public Map<String, Template> getTemplates() {
        return templates;
    }

    public void setTemplates(Map<String, Template> templates) {
        this.templates = templates;
    }

    public Optional<Template> find(String key) {
        return Optional.ofNullable(templates.get(key));
    }

    /** The entry of a Meta template name, as a message to Meta names it. */
    public Optional<Template> findByName(String metaName) {
        return templates.values().stream().filter(template -> template.getName() != null
                && template.getName().equals(metaName)).findFirst();
    }

    public Template get(String key) {
        return find(key).orElseThrow(() -> new PermanentSendFailureException(
                "Unknown template key '" + key + "': add it to leadflow-templates.yml", null));
    }

    public static class Template {
        @NotBlank
        private String name;
        private Category category = Category.UTILITY;
        private Map<String, String> languages = Map.of();
        private List<String> parameters = List.of();
        private List<String> quickReplies = List.of();
        private Map<String, String> text = Map.of();
        private Map<String, String> body = Map.of();
        private Map<String, List<String>> buttons = Map.of();
        private boolean ignoreQuietHours;

        /** Meta language code for a locale such as {@code pt-BR}: pt-BR, then pt, then en. */
        public Optional<String> languageFor(String locale) {
            for (String candidate : localeChain(locale)) {
                for (Map.Entry<String, String> entry : languages.entrySet()) {
                    if (entry.getKey().equalsIgnoreCase(candidate)) {
                        return Optional.of(entry.getValue());
                    }
                }
            }
            return Optional.empty();
        }

        /**
         * The free-form variant for a locale, if the entry has one ({@code {{1}}} ... stand for the
         * parameters): sent instead of the template while the lead's 24-hour window is open.
         */
        public Optional<String> textFor(String locale) {
            for (String candidate : localeChain(locale)) {
                for (Map.Entry<String, String> entry : text.entrySet()) {
                    if (entry.getKey().equalsIgnoreCase(candidate)) {
                        return Optional.of(entry.getValue());
                    }
                }
            }
            return Optional.empty();
        }

        /**
         * What the lead reads for a locale: the approved template's body as Meta shows it ({@code {{1}}} ... the
         * parameters), else the free-form variant; only shown (sandbox, pages), never sent.
         */
        public Optional<String> bodyFor(String locale) {
            return forLocale(body, locale).or(() -> textFor(locale));
        }

        /** The labels of the template's quick-reply buttons for a locale, in the order of its quick replies. */
        public List<String> buttonsFor(String locale) {
            return forLocale(buttons, locale).orElse(List.of());
        }

        /** The locale whose Meta language code this is ({@code pt_BR} gives pt-BR), if the entry maps one. */
        public Optional<String> localeOf(String languageCode) {
            return languages.entrySet().stream().filter(entry -> entry.getValue().equals(languageCode))
                    .map(Map.Entry::getKey).findFirst();
        }

        private static <T> Optional<T> forLocale(Map<String, T> byLocale, String locale) {
            for (String candidate : localeChain(locale)) {
                for (Map.Entry<String, T> entry : byLocale.entrySet()) {
                    if (entry.getKey().equalsIgnoreCase(candidate)) {
                        return Optional.of(entry.getValue());
                    }
                }
            }
            return Optional.empty();
        }

        static List<String> localeChain(String locale) {
            List<String> chain = new ArrayList<>();
            if (locale != null && !locale.isBlank()) {
                Locale parsed = Locale.forLanguageTag(locale.replace('_', '-'));
                if (!parsed.getCountry().isEmpty()) {
                    chain.add(parsed.getLanguage() + "-" + parsed.getCountry());
                }
                if (!parsed.getLanguage().isEmpty()) {
                    chain.add(parsed.getLanguage());
                }
            }
            chain.add(LAST_RESORT_LANGUAGE);
            return chain;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Category getCategory() {
            return category;
        }

        public void setCategory(Category category) {
            this.category = category;
        }

        public Map<String, String> getLanguages() {
            return languages;
        }

        public void setLanguages(Map<String, String> languages) {
            this.languages = languages;
        }

        public List<String> getParameters() {
            return parameters;
        }

        public void setParameters(List<String> parameters) {
            this.parameters = parameters;
        }

        public List<String> getQuickReplies() {
            return quickReplies;
        }

        public void setQuickReplies(List<String> quickReplies) {
            this.quickReplies = quickReplies;
        }

        public Map<String, String> getText() {
            return text;
        }

        public void setText(Map<String, String> text) {
            this.text = text;
        }

        public Map<String, String> getBody() {
            return body;
        }

        public void setBody(Map<String, String> body) {
            this.body = body;
        }

        public Map<String, List<String>> getButtons() {
            return buttons;
        }

        public void setButtons(Map<String, List<String>> buttons) {
            this.buttons = buttons;
        }

        /** For messages whose moment matters more than the hour, such as a reminder 1 h before an 08:00 meeting. */
        public boolean isIgnoreQuietHours() {
            return ignoreQuietHours;
        }

        public void setIgnoreQuietHours(boolean ignoreQuietHours) {
            this.ignoreQuietHours = ignoreQuietHours;
        }
    }

    public enum Category {
        UTILITY, MARKETING, AUTHENTICATION;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
