package dev.leadflow.crm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One vocabulary of status words (the CRM's lead statuses, or a tracking's message statuses): a word in any
 * spelling to its canonical name.
 */
public final class StatusMapping {

    /**
     * Words to a canonical name: {@code aliases} compared whole, ignoring case and surrounding or repeated
     * whitespace; {@code patterns} are regular expressions over the same normalised word, whose first group,
     * when numeric, is an error code.
     */
    public record Vocabulary(Map<String, List<String>> aliases, Map<String, List<String>> patterns) {

        public Vocabulary {
            aliases = aliases == null ? Map.of() : aliases;
            patterns = patterns == null ? Map.of() : patterns;
        }

        boolean empty() {
            return aliases.isEmpty() && patterns.isEmpty();
        }
    }

    /** What a word means: {@code canonical} empty when the vocabulary does not know it. */
    public record Meaning(String word, Optional<String> canonical, Integer code) {

        public boolean known() {
            return canonical.isPresent();
        }
    }

    private record Rule(Pattern pattern, String canonical) {
    }

    private final Map<String, String> aliases = new HashMap<>();
    private final List<Rule> patterns = new ArrayList<>();

    public StatusMapping(Vocabulary vocabulary) {
        vocabulary.aliases().forEach((canonical, words) -> {
            aliases.put(normalise(canonical), canonical);
            words.forEach(word -> aliases.put(normalise(word), canonical));
        });
        vocabulary.patterns().forEach((canonical, regexes) -> regexes.forEach(regex ->
                patterns.add(new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), canonical))));
    }

    public Meaning meaning(String word) {
        String key = normalise(word);
        String alias = aliases.get(key);
        if (alias != null) {
            return new Meaning(word, Optional.of(alias), null);
        }
        for (Rule rule : patterns) {
            Matcher matcher = rule.pattern().matcher(key);
            if (matcher.matches()) {
                return new Meaning(word, Optional.of(rule.canonical()), code(matcher));
            }
        }
        return new Meaning(word, Optional.empty(), null);
    }

    /** Every spelling (normalised) that means one of these canonical names; patterns cannot be listed. */
    public List<String> spellingsOf(java.util.Collection<String> canonicalNames) {
        List<String> wanted = canonicalNames.stream().map(StatusMapping::normalise).toList();
        return aliases.entrySet().stream().filter(e -> wanted.contains(normalise(e.getValue())))
                .map(Map.Entry::getKey).toList();
    }

    /** Case, surrounding and repeated whitespace do not matter. */
    public static String normalise(String word) {
        return word == null ? "" : word.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Integer code(Matcher matcher) {
        if (matcher.groupCount() < 1 || matcher.group(1) == null) {
            return null;
        }
        try {
            return Integer.valueOf(matcher.group(1));
        } catch (NumberFormatException notACode) {
            return null;
        }
    }
}
