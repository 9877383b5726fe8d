package dev.leadflow.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import dev.leadflow.messaging.LedgerReports;

/** The dashboard's tables as CSV (RFC 4180, commons-csv), for a spreadsheet. */
final class DashboardCsv {

    private DashboardCsv() {
    }

    static String funnel(List<FlowDashboard.FunnelRow> rows) {
        return lines(new String[] {"week", "flow", "template", "attempts", "sent", "delivered", "read", "replied",
                        "meeting_booked", "deal_won", "failed"},
                rows.stream().map(r -> Stream.of(r.week(), r.flow(), r.template(), r.attempts(), r.sent(),
                        r.delivered(), r.read(), r.replied(), r.meetingBooked(), r.dealWon(), r.failed())));
    }

    static String failures(List<LedgerReports.FailureCount> rows) {
        return lines(new String[] {"error_code", "flow", "messages", "example"},
                rows.stream().map(r -> Stream.of(r.errorCode(), r.flow(), r.messages(), r.example())));
    }

    static String lines(String[] header, Stream<Stream<Object>> rows) {
        StringBuilder csv = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.RFC4180.builder().setHeader(header).get())) {
            for (Stream<Object> row : (Iterable<Stream<Object>>) rows::iterator) {
                printer.printRecord(row.map(DashboardCsv::defused));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return csv.toString();
    }

    /** A text starting with =, +, - or @ would be a formula in a spreadsheet: a leading ' defuses it. */
    static Object defused(Object value) {
        if (value == null || value instanceof Number) {
            return value;
        }
        String text = value.toString();
        return !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
