package dev.leadflow.messaging;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Opt-out words per language ({@code leadflow.messaging.opt-out-words}). A message opts the lead out
 * only when it is one of the words as a whole, ignoring case, accents, surrounding spaces and
 * punctuation: "Parar!" does, "não quero parar agora" does not. A lead's locale chain (pt-BR, pt, en)
 * picks the languages; a lead without locale is matched against all of them.
 */
public final class OptOutWords {

    private final Map<String, Set<String>> byLanguage = new HashMap<>();

    public OptOutWords(Map<String, List<String>> words) {
        words.forEach((language, list) -> byLanguage.put(language.toLowerCase(Locale.ROOT),
                new HashSet<>(list.stream().map(OptOutWords::normalise).toList())));
    }

    public boolean isOptOut(String message, String locale) {
        if (message == null || message.isBlank()) {
            return false;
        }
        String normalised = normalise(message);
        if (locale == null || locale.isBlank()) {
            return byLanguage.values().stream().anyMatch(set -> set.contains(normalised));
        }
        return TemplateCatalog.Template.localeChain(locale).stream()
                .map(tag -> byLanguage.getOrDefault(tag.toLowerCase(Locale.ROOT), Set.of()))
                .anyMatch(set -> set.contains(normalised));
    }

    static String normalise(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "")
                .replaceAll("\\s+", " ")
                .toUpperCase(Locale.ROOT);
    }
}
