package dev.leadflow.legacy;

import java.util.List;

/**
 * The legacy tracking as read, before any interpretation: rows that could be read, and the lines that could
 * not, each with its problem.
 */
record TrackingRows(String source, List<Row> rows, List<Problem> problems) {

    /** Columns every source must have; {@code wamid} and {@code lead_status} are optional. */
    static final List<String> REQUIRED_COLUMNS = List.of("lead_id", "automation", "step", "status", "sent_at");

    /** One tracking row; {@code line} is its line in a file or its position in a table. */
    record Row(long line, String leadId, String automation, String step, String status, String sentAt, String wamid,
               String leadStatus) {
    }

    record Problem(long line, String problem) {
    }
}
