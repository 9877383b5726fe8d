package dev.leadflow.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Finds what in the template catalog can never work, so the start stops instead of a send failing at
 * 09:00 on a Monday: a parameter with no source, a template without name or languages, a free-form
 * variant that refers to parameters the entry does not have or that would lose its quick replies.
 */
public final class TemplateCatalogCheck {

    private TemplateCatalogCheck() {
    }

    /**
     * @param originOf for a property name such as {@code leadflow.templates[welcome].parameters[0]}, the
     *                 file (and line) it was read from
     */
    public static List<String> problems(TemplateCatalog catalog, UnaryOperator<String> originOf) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, TemplateCatalog.Template> entry : new java.util.TreeMap<>(catalog.getTemplates()).entrySet()) {
            String key = entry.getKey();
            TemplateCatalog.Template template = entry.getValue();
            String property = "leadflow.templates[" + key + "]";
            String where = "template key '" + key + "'";
            if (template.getName() == null || template.getName().isBlank()) {
                problems.add(originOf.apply(property + ".name") + ": " + where + " has no Meta template name");
            }
            if (template.getLanguages().isEmpty()) {
                problems.add(originOf.apply(property + ".languages") + ": " + where + " has no languages");
            }
            check(problems, originOf, property + ".parameters", where, template.getParameters());
            check(problems, originOf, property + ".quick-replies", where, template.getQuickReplies());
            template.getBody().forEach((locale, body) -> {
                if (TemplateParameters.highestPlaceholder(body) > template.getParameters().size()) {
                    problems.add(originOf.apply(property + ".body[" + locale + "]") + ": " + where + " body for "
                            + locale + " uses {{" + TemplateParameters.highestPlaceholder(body) + "}} but the entry has "
                            + template.getParameters().size() + " parameter(s)");
                }
            });
            template.getText().forEach((locale, text) -> {
                String textProperty = property + ".text[" + locale + "]";
                if (TemplateParameters.highestPlaceholder(text) > template.getParameters().size()) {
                    problems.add(originOf.apply(textProperty) + ": " + where + " text for " + locale + " uses {{"
                            + TemplateParameters.highestPlaceholder(text) + "}} but the entry has "
                            + template.getParameters().size() + " parameter(s)");
                }
                if (!template.getQuickReplies().isEmpty()) {
                    problems.add(originOf.apply(textProperty) + ": " + where
                            + " has quick replies, which a free-form text cannot carry: remove its text variant");
                }
            });
        }
        return problems;
    }

    private static void check(List<String> problems, UnaryOperator<String> originOf, String property, String where,
                              List<String> expressions) {
        for (int i = 0; i < expressions.size(); i++) {
            int index = i;
            TemplateParameters.unknownSource(expressions.get(i)).ifPresent(reason -> problems.add(
                    originOf.apply(property + "[" + index + "]") + ": " + where + " " + property.substring(
                            property.lastIndexOf('.') + 1) + "[" + index + "] " + reason));
        }
    }
}
