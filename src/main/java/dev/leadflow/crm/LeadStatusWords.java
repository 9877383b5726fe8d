package dev.leadflow.crm;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.leadflow.crm.StatusMapping.Vocabulary;

/**
 * The one mapping of the CRM's lead status words ({@code leadflow.leads.status-words}), used wherever a CRM
 * status word enters Leadflow: the CRM API and an imported tracking. A word it does not know is reported by
 * the caller and never guessed.
 */
@Component
public class LeadStatusWords {

    /** Where the words were configured before they became the CRM's own; still read, and it wins, when set. */
    static final String DEPRECATED_KEY = "leadflow.legacy.lead-statuses";
    static final String KEY = "leadflow.leads.status-words";

    private static final Logger log = LoggerFactory.getLogger(LeadStatusWords.class);

    private final StatusMapping leadStatuses;

    LeadStatusWords(LeadStatuses statuses, Environment environment) {
        Vocabulary words = statuses.statusWords();
        Optional<Vocabulary> deprecated = Binder.get(environment).bind(DEPRECATED_KEY, Vocabulary.class)
                .map(Optional::of).orElse(Optional.empty()).filter(vocabulary -> !vocabulary.empty());
        if (deprecated.isPresent()) {
            // only an operator sets the old key now (the shipped words are under the new one): it wins, as before
            log.warn("{} is deprecated and replaces {}: move it there", DEPRECATED_KEY, KEY);
            words = deprecated.get();
        }
        this.leadStatuses = new StatusMapping(words);
    }

    /** The canonical lead status of a CRM word ("new_lead", " NEW " -> NEW), empty when the mapping lacks it. */
    public Optional<String> leadStatus(String word) {
        return leadStatuses.meaning(word).canonical();
    }

    /**
     * The word to compare with configured statuses (such as {@code leadflow.leads.closed-statuses}): the canonical
     * status, or the word itself, trimmed, when the mapping does not know it (logged: add it to the mapping).
     */
    public String leadStatusOrWord(String word) {
        if (word == null) {
            return null;
        }
        Optional<String> canonical = leadStatus(word);
        if (canonical.isEmpty() && !word.isBlank()) {
            log.warn("CRM status '{}' is not in {}: taken as it is", word.strip(), KEY);
        }
        return canonical.orElse(word.strip());
    }

    /** Every listed spelling (lower case) of these statuses, canonical names included. */
    public List<String> leadStatusSpellings(Collection<String> statuses) {
        return Stream.concat(statuses.stream().map(StatusMapping::normalise),
                leadStatuses.spellingsOf(statuses.stream().map(this::leadStatusOrWord).toList()).stream())
                .distinct().toList();
    }
}
