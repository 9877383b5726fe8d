package dev.leadflow.legacy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.leadflow.legacy.TrackingRows.Problem;
import dev.leadflow.legacy.TrackingRows.Row;

/**
 * Legacy tracking as CSV with a header row (column names in any case; extra columns ignored). A row that
 * cannot be read is reported with its line and skipped; input without the required columns is refused whole.
 */
final class CsvTracking {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(true)
            .get();

    private CsvTracking() {
    }

    static TrackingRows read(String source, String text) {
        if (text == null || text.isBlank()) {
            throw new NotTrackingDataException("the body is empty: expected CSV with the columns "
                    + TrackingRows.REQUIRED_COLUMNS);
        }
        try (Reader reader = new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text)) {
            return read(source, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrackingRows read(String source, Reader reader) throws IOException {
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new NotTrackingDataException("not CSV with a header row: " + e.getMessage());
        }
        Map<String, Integer> columns = new TreeMap<>();
        parser.getHeaderMap().forEach((name, index) -> {
            if (name != null && !name.isBlank()) {
                columns.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), index);
            }
        });
        List<String> named = parser.getHeaderNames().stream().filter(name -> name != null && !name.isBlank())
                .map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        named.stream().filter(name -> named.indexOf(name) != named.lastIndexOf(name)).findFirst().ifPresent(name -> {
            throw new NotTrackingDataException("column " + name + " appears twice in the header");
        });
        List<String> missing = TrackingRows.REQUIRED_COLUMNS.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new NotTrackingDataException("not legacy tracking CSV: missing column(s) " + missing
                    + "; the header must name " + TrackingRows.REQUIRED_COLUMNS + " (wamid, lead_status optional)");
        }
        int width = parser.getHeaderNames().size();
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Iterator<CSVRecord> records = parser.iterator();
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException unreadable) {
                problems.add(new Problem(parser.getCurrentLineNumber(),
                        "unreadable from this line on (" + unreadable.getMessage() + "); the rest was not read"));
                break;
            }
            long line = record.getParser().getCurrentLineNumber();
            if (record.size() != width) {
                problems.add(new Problem(line, "has " + record.size() + " field(s), the header has " + width));
                continue;
            }
            String leadId = field(record, columns, "lead_id");
            if (leadId == null) {
                problems.add(new Problem(line, "lead_id is empty"));
                continue;
            }
            String automation = field(record, columns, "automation");
            if (automation == null) {
                problems.add(new Problem(line, "automation is empty"));
                continue;
            }
            rows.add(new Row(line, leadId, automation, field(record, columns, "step"),
                    raw(record, columns, "status"), field(record, columns, "sent_at"), field(record, columns, "wamid"),
                    raw(record, columns, "lead_status")));
        }
        return new TrackingRows(source, rows, problems);
    }

    private static String field(CSVRecord record, Map<String, Integer> columns, String name) {
        String value = raw(record, columns, name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** As written (status words are reported as the legacy system spelled them). */
    private static String raw(CSVRecord record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null ? null : record.get(index);
    }
}
