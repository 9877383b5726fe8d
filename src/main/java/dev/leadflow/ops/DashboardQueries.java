package dev.leadflow.ops;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.leadflow.messaging.LedgerReports;
import dev.leadflow.messaging.LedgerReports.FailureCount;
import dev.leadflow.messaging.LedgerReports.FunnelCount;

/**
 * The dashboard's questions to the ledger, asked through its read model ({@link LedgerReports}). What became
 * of a message (the lead's first reply, a booked meeting, a won deal within the attribution window after it)
 * is worked out ahead, on the message's own row, whenever its lead replies or the CRM reports an outcome
 * ({@link #refreshOutcomes}); the funnel is then one scan of the period (index
 * {@code message_attempt_created_idx}), bucketed by week in the query itself.
 */
@Repository
class DashboardQueries {

    private final JdbcClient jdbc;
    private final LedgerReports reports;

    DashboardQueries(JdbcClient jdbc, LedgerReports reports) {
        this.jdbc = jdbc;
        this.reports = reports;
    }

    /**
     * Works out again the outcomes of the messages of every lead with a reply or CRM event not taken into
     * account yet, {@code batch} events at a time, and marks those events as taken into account. Idempotent:
     * two nodes doing it at once compute the same values.
     *
     * @return how many events were taken into account
     */
    int refreshOutcomes(int attributionDays, int batch) {
        int done = 0;
        while (true) {
            List<Pending> replies = jdbc.sql("""
                            select wamid, lead_id from inbound_message where outcome_pending = true
                            fetch first :batch rows only""")
                    .param("batch", batch).query((rs, n) -> new Pending(rs.getString(1), rs.getString(2))).list();
            List<Pending> events = jdbc.sql("""
                            select event_id, lead_id from crm_event where outcome_pending = true
                            fetch first :batch rows only""")
                    .param("batch", batch).query((rs, n) -> new Pending(rs.getString(1), rs.getString(2))).list();
            if (replies.isEmpty() && events.isEmpty()) {
                return done;
            }
            Set<String> leads = new TreeSet<>();
            replies.stream().map(Pending::leadId).filter(Objects::nonNull).forEach(leads::add);
            events.stream().map(Pending::leadId).filter(Objects::nonNull).forEach(leads::add);
            if (!leads.isEmpty()) {
                reports.refreshOutcomesOf(leads, attributionDays);
            }
            if (!replies.isEmpty()) {
                jdbc.sql("update inbound_message set outcome_pending = false where wamid in (:ids)")
                        .param("ids", replies.stream().map(Pending::id).toList()).update();
            }
            if (!events.isEmpty()) {
                jdbc.sql("update crm_event set outcome_pending = false where event_id in (:ids)")
                        .param("ids", events.stream().map(Pending::id).toList()).update();
            }
            done += replies.size() + events.size();
        }
    }

    private record Pending(String id, String leadId) {
    }

    /**
     * @param weekStarts the first moment of each week, ascending; the last week ends at {@code end} (included)
     */
    List<FunnelCount> funnel(List<Instant> weekStarts, Instant end) {
        return reports.funnel(weekStarts, end);
    }

    /** Messages that failed or were refused in the period, by Meta's error code and flow. */
    List<FailureCount> failures(Instant start, Instant end) {
        return reports.failures(start, end);
    }
}
