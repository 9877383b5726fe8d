package dev.leadflow.ops.cockpit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Today's messages, read from the ledger: sent (first requested today, accepted by the Cloud API and not
 * failed since), failed (Meta reported a failure today), refused (the API said no, last tried today; the
 * job retries it or ops decide) and unsettled (the answer was lost, waiting for a status). "Today" is the
 * calendar day in {@code leadflow.ops.time-zone}.
 */
@Repository
class TodaysSends {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    TodaysSends(JdbcClient jdbc, Clock clock, @Value("${leadflow.ops.time-zone:UTC}") String zone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    record Summary(LocalDate day, String timeZone, long sent, long failed, long refused, long unsettled,
                   List<TemplateCount> templates) {
    }

    record TemplateCount(String template, long sent, long failed, long refused, long unsettled) {
    }

    Summary summary() {
        LocalDate day = clock.instant().atZone(zone).toLocalDate();
        ZonedDateTime start = day.atStartOfDay(zone);
        List<TemplateCount> templates = jdbc.sql("""
                        select template_name,
                               sum(case when status in ('ACCEPTED', 'SENT', 'DELIVERED', 'READ')
                                        and created_at >= :start and created_at < :end then 1 else 0 end) sent,
                               sum(case when status = 'FAILED' and coalesce(status_at, updated_at) >= :start
                                        and coalesce(status_at, updated_at) < :end then 1 else 0 end) failed,
                               sum(case when status = 'REJECTED' then 1 else 0 end) refused,
                               sum(case when status = 'PENDING' then 1 else 0 end) unsettled
                        from message_attempt
                        where (created_at >= :start and created_at < :end)
                           or (updated_at >= :start and updated_at < :end)
                        group by template_name
                        order by template_name""")
                .param("start", start.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
                .param("end", start.plusDays(1).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
                .query((rs, n) -> new TemplateCount(rs.getString("template_name"), rs.getLong("sent"),
                        rs.getLong("failed"), rs.getLong("refused"), rs.getLong("unsettled")))
                .list();
        return new Summary(day, zone.getId(), templates.stream().mapToLong(TemplateCount::sent).sum(),
                templates.stream().mapToLong(TemplateCount::failed).sum(),
                templates.stream().mapToLong(TemplateCount::refused).sum(),
                templates.stream().mapToLong(TemplateCount::unsettled).sum(), templates);
    }
}
