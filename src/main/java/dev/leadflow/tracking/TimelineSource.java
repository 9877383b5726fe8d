package dev.leadflow.tracking;

import java.util.List;

/**
 * Entries another capability adds to a lead's timeline, for what neither Camunda's history nor the ledger
 * knows: the legacy tracking import, for one. Implement it as a bean; the timeline merges and sorts.
 */
public interface TimelineSource {

    /** The lead's entries from this source, in any order; empty when it knows nothing of the lead. */
    List<TimelineEntry> entriesOf(String leadId);
}
