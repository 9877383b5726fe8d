package dev.leadflow.legacy;

import java.util.List;
import java.util.Map;

import dev.leadflow.legacy.TrackingRows.Problem;

/**
 * What an import read, how each word was mapped, what it could not map (listed, never guessed), what it
 * wrote, and where each lead resumes. A dry run reports the same without writing or starting anything.
 *
 * @param messageStatuses        rows per canonical message status ({@code UNKNOWN}: not in the mapping)
 * @param messageStatusSpellings per canonical status, each spelling as written and its rows
 * @param unknownMessageStatuses spellings the mapping lacks ({@code (empty)} for none): taken as maybe sent
 * @param unknownLeadStatuses    lead status spellings the mapping lacks: such leads are not resumed
 * @param steps                  rows per Leadflow flow/step
 * @param unknownAutomations     legacy automation/step pairs the mapping lacks: their rows are not imported
 * @param resumptions            leads per resumption outcome
 */
record ImportReport(
        String source,
        boolean dryRun,
        int rowsRead,
        int rowsRejected,
        List<Problem> rejectedRows,
        Map<String, Integer> messageStatuses,
        Map<String, Map<String, Integer>> messageStatusSpellings,
        Map<String, Integer> unknownMessageStatuses,
        Map<String, Integer> leadStatuses,
        Map<String, Integer> unknownLeadStatuses,
        Map<String, Integer> steps,
        Map<String, Integer> unknownAutomations,
        int leads,
        Facts facts,
        Map<String, Integer> resumptions) {

    /** At most this many rejected rows are listed; {@code rowsRejected} counts them all. */
    static final int LISTED_PROBLEMS = 200;

    /** Facts (one per lead, flow and step) this import adds, changes, or finds as they were. */
    record Facts(int added, int updated, int unchanged) {
    }
}
