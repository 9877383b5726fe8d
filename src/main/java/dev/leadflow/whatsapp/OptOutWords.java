package dev.leadflow.whatsapp;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Meta does no STOP-keyword handling: the business honours opt-out words. Only a message that is the
 * word as a whole counts ("Parar." yes, "não vou parar agora" no); case, accents, surrounding spaces and
 * punctuation are ignored. Every configured language's words apply to every lead.
 */
@Component
class OptOutWords {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern EDGES = Pattern.compile("^[\\p{Punct}\\p{Space}]+|[\\p{Punct}\\p{Space}]+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Set<String> words;

    @Autowired
    OptOutWords(InboundProperties properties) {
        this(properties.optOutWords().values().stream().flatMap(Collection::stream).toList());
    }

    private OptOutWords(Collection<String> words) {
        this.words = words.stream().map(OptOutWords::normalise).filter(word -> !word.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    static OptOutWords of(String... words) {
        return new OptOutWords(java.util.List.of(words));
    }

    boolean matches(String message) {
        return message != null && words.contains(normalise(message));
    }

    static String normalise(String text) {
        String withoutAccents = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        String trimmed = EDGES.matcher(withoutAccents.strip()).replaceAll("");
        return SPACES.matcher(trimmed).replaceAll(" ").toUpperCase(Locale.ROOT);
    }
}
