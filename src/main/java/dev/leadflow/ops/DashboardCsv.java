package dev.leadflow.ops;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.leadflow.messaging.LedgerReports;

/** The dashboard's tables as CSV (RFC 4180), for a spreadsheet. */
final class DashboardCsv {

    private DashboardCsv() {
    }

    static String funnel(List<FlowDashboard.FunnelRow> rows) {
        return lines("week,flow,template,attempts,sent,delivered,read,replied,meeting_booked,deal_won,failed",
                rows.stream().map(r -> Stream.of(r.week(), r.flow(), r.template(), r.attempts(), r.sent(),
                        r.delivered(), r.read(), r.replied(), r.meetingBooked(), r.dealWon(), r.failed())));
    }

    static String failures(List<LedgerReports.FailureCount> rows) {
        return lines("error_code,flow,messages,example",
                rows.stream().map(r -> Stream.of(r.errorCode(), r.flow(), r.messages(), r.example())));
    }

    private static String lines(String header, Stream<Stream<Object>> rows) {
        return header + "\r\n" + rows.map(row -> row.map(DashboardCsv::field).collect(Collectors.joining(",")))
                .map(line -> line + "\r\n").collect(Collectors.joining());
    }

    /** Quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
