package dev.leadflow.crmsync;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** A record of a CRM as JSON, read by the paths of a {@link CrmMapping}. */
public record CrmRecord(JsonNode json) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final Pattern INDEX = Pattern.compile("([^\\[]*)\\[(\\d+)]");

    /**
     * The value at a dot path ({@code properties.phone}, {@code phones[0].value}), or a template of paths
     * ({@code "{firstname} {lastname}"}, blank parts dropped); null when absent or blank.
     */
    public String get(String pathOrTemplate) {
        if (pathOrTemplate == null || pathOrTemplate.isBlank()) {
            return null;
        }
        if (!pathOrTemplate.contains("{")) {
            return text(at(pathOrTemplate));
        }
        Matcher placeholders = PLACEHOLDER.matcher(pathOrTemplate);
        StringBuilder result = new StringBuilder();
        while (placeholders.find()) {
            String value = text(at(placeholders.group(1).strip()));
            placeholders.appendReplacement(result, Matcher.quoteReplacement(value == null ? "" : value));
        }
        placeholders.appendTail(result);
        String joined = result.toString().replaceAll("\\s+", " ").strip();
        return joined.isEmpty() ? null : joined;
    }

    private JsonNode at(String path) {
        JsonNode node = json;
        for (String part : path.split("\\.")) {
            Matcher indexed = INDEX.matcher(part);
            if (indexed.matches()) {
                node = node.path(indexed.group(1)).path(Integer.parseInt(indexed.group(2)));
            } else {
                node = node.path(part);
            }
        }
        return node;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
