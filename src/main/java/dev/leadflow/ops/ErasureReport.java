package dev.leadflow.ops;

import java.time.Instant;
import java.util.Map;

/**
 * What an erasure removed.
 *
 * @param flowsCancelled      running flows of the lead that were cancelled first
 * @param flowHistoriesDeleted flows (running or ended) whose Camunda history was deleted, with their
 *                            variables, steps, jobs log, incidents and operator actions
 * @param records             Leadflow records removed, by kind
 */
public record ErasureReport(String leadId, Instant erasedAt, int flowsCancelled, int flowHistoriesDeleted,
                            Map<String, Integer> records) {

    String summary() {
        return "flows cancelled " + flowsCancelled + ", flow histories deleted " + flowHistoriesDeleted
                + ", records " + records;
    }
}
