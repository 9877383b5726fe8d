package dev.leadflow.ops.cockpit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.springframework.stereotype.Repository;

import dev.leadflow.messaging.LedgerReports;
import dev.leadflow.messaging.LedgerReports.TemplateCount;
import dev.leadflow.ops.OpsProperties;

/**
 * Today's messages, read from the ledger ({@link LedgerReports}): sent (first requested today, accepted by the
 * Cloud API and not failed since), failed (Meta reported a failure today), refused (the API said no, last
 * tried today; the job retries it or ops decide) and unsettled (the answer was lost, waiting for a status).
 * "Today" is the calendar day in {@code leadflow.ops.time-zone}.
 */
@Repository
class TodaysSends {

    private final LedgerReports reports;
    private final Clock clock;
    private final ZoneId zone;

    TodaysSends(LedgerReports reports, Clock clock, OpsProperties ops) {
        this.reports = reports;
        this.clock = clock;
        this.zone = ops.timeZone();
    }

    record Summary(LocalDate day, String timeZone, long sent, long failed, long refused, long unsettled,
                   List<TemplateCount> templates) {
    }

    Summary summary() {
        LocalDate day = clock.instant().atZone(zone).toLocalDate();
        ZonedDateTime start = day.atStartOfDay(zone);
        List<TemplateCount> templates = reports.sendsByTemplate(start.toInstant(), start.plusDays(1).toInstant());
        return new Summary(day, zone.getId(), templates.stream().mapToLong(TemplateCount::sent).sum(),
                templates.stream().mapToLong(TemplateCount::failed).sum(),
                templates.stream().mapToLong(TemplateCount::refused).sum(),
                templates.stream().mapToLong(TemplateCount::unsettled).sum(), templates);
    }
}
