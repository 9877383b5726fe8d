package dev.leadflow.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds a template's parameter expressions to values: {@code lead.name}, {@code lead.owner},
 * {@code lead.phone}, {@code lead.attributes.<name>}, or any name the flow passes (for example
 * {@code meeting.startsAt}). {@code expression|fallback} gives a value for when the source is empty.
 */
final class TemplateParameters {

    private TemplateParameters() {
    }

    static List<String> bind(String templateKey, List<String> expressions, Recipient lead, Map<String, Object> values) {
        List<String> bound = new ArrayList<>(expressions.size());
        for (String expression : expressions) {
            String[] parts = expression.split("\\|", 2);
            String value = resolve(parts[0].trim(), lead, values);
            if ((value == null || value.isBlank()) && parts.length == 2) {
                value = parts[1].trim();
            }
            if (value == null || value.isBlank()) {
                throw new PermanentSendFailureException("Template '" + templateKey + "': parameter '" + parts[0].trim()
                        + "' has no value for lead " + lead.leadId(), null);
            }
            bound.add(value);
        }
        return bound;
    }

    private static String resolve(String source, Recipient lead, Map<String, Object> values) {
        switch (source) {
            case "lead.name":
                return lead.name();
            case "lead.owner":
                return lead.owner();
            case "lead.phone":
                return lead.phone();
            default:
                if (source.startsWith("lead.attributes.")) {
                    return lead.attributes().get(source.substring("lead.attributes.".length()));
                }
                Object value = values.get(source);
                return value == null ? null : value.toString();
        }
    }
}
