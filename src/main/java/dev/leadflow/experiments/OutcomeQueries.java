package dev.leadflow.experiments;

import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Repository;

import dev.leadflow.messaging.LedgerReports;

/**
 * Counts per variant of an experiment, read from the assignments and what followed each within the
 * attribution window: the message's status in the ledger, the lead's replies, and the CRM's events. The
 * ledger's read model ({@link LedgerReports#outcomesByVariant}) answers it.
 */
@Repository
class OutcomeQueries {

    private final LedgerReports reports;

    OutcomeQueries(LedgerReports reports) {
        this.reports = reports;
    }

    List<VariantCounts> countsOf(String experimentId, Duration attributionWindow) {
        return reports.outcomesByVariant(experimentId, attributionWindow).stream()
                .map(o -> new VariantCounts(o.variant(), o.assigned(), o.sent(), o.delivered(), o.read(),
                        o.replied(), o.meetingBooked(), o.dealWon(), o.failed(), o.blocked()))
                .toList();
    }
}
