package dev.leadflow.experiments;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Best-hour sending ({@code leadflow.best-hour}): which marketing steps wait for the hour at which the lead,
 * or leads like it, answer most. docs/experiments.md explains each setting.
 */
@Validated
@ConfigurationProperties(prefix = "leadflow.best-hour")
public class BestHourProperties {

    /** Template keys of the marketing steps that go at the best hour (experiments may also ask for it per variant). */
    private Set<String> templates = new LinkedHashSet<>();
    /** How far ahead a message may wait for its best hour. */
    private Duration horizon = Duration.ofHours(24);
    /** Replies a lead needs before its own hours count; below that, leads like it decide. */
    private int minLeadReplies = 5;
    /** Replies a segment needs before its hours count; below that, the step's own time stands. */
    private int minSegmentReplies = 30;
    /** How far back replies are learned from. */
    private Duration history = Duration.ofDays(90);
    /** How long a segment's reply hours are kept before they are counted again. */
    private Duration segmentCache = Duration.ofHours(1);

    public Set<String> getTemplates() {
        return templates;
    }

    public void setTemplates(Set<String> templates) {
        this.templates = templates;
    }

    public Duration getHorizon() {
        return horizon;
    }

    public void setHorizon(Duration horizon) {
        this.horizon = horizon;
    }

    public int getMinLeadReplies() {
        return minLeadReplies;
    }

    public void setMinLeadReplies(int minLeadReplies) {
        this.minLeadReplies = minLeadReplies;
    }

    public int getMinSegmentReplies() {
        return minSegmentReplies;
    }

    public void setMinSegmentReplies(int minSegmentReplies) {
        this.minSegmentReplies = minSegmentReplies;
    }

    public Duration getHistory() {
        return history;
    }

    public void setHistory(Duration history) {
        this.history = history;
    }

    public Duration getSegmentCache() {
        return segmentCache;
    }

    public void setSegmentCache(Duration segmentCache) {
        this.segmentCache = segmentCache;
    }
}
