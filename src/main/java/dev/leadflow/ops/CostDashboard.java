package dev.leadflow.ops;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.leadflow.messaging.MessageCosts;
import dev.leadflow.messaging.MessageCosts.CostedMessage;

/**
 * What the messages cost, by the rate card (leadflow.pricing) and what Meta called billable: per flow, template
 * and week, per reply and per booked meeting; and the funnel of leads by the click-to-WhatsApp ad that brought
 * them (first touch). Weeks start on Monday in {@code leadflow.ops.time-zone}, as on the dashboard.
 */
@Service
class CostDashboard {

    private final MessageCosts costs;
    private final FlowDashboard dashboard;
    private final JdbcClient jdbc;
    private final ZoneId zone;
    private final Clock clock;

    CostDashboard(MessageCosts costs, FlowDashboard dashboard, JdbcClient jdbc, Clock clock,
                  OpsProperties properties) {
        this.clock = clock;
        this.costs = costs;
        this.dashboard = dashboard;
        this.jdbc = jdbc;
        this.zone = properties.timeZone();
    }

    /**
     * @param replied       messages answered by the lead within the attribution window
     * @param costPerReply  the cost divided by the replies; null without replies
     */
    record CostRow(String by, long messages, long billable, BigDecimal cost, long replied, long meetingsBooked,
                   BigDecimal costPerReply, BigDecimal costPerMeeting) {
    }

    record Costs(String currency, LocalDate from, CostRow total, List<CostRow> byFlow, List<CostRow> byTemplate,
                 List<CostRow> byWeek) {
    }

    Costs costs(int weeks) {
        LocalDate firstMonday = dashboard.weeks(weeks).get(0);
        List<CostedMessage> messages = costs.costs(firstMonday.atStartOfDay(zone).toInstant(),
                clock.instant().plusSeconds(1));
        return new Costs(costs.currency(), firstMonday, row("all", messages),
                by(messages, CostedMessage::flow), by(messages, CostedMessage::templateName),
                by(messages, message -> week(message.sentAt()).toString()));
    }

    String costsCsv(int weeks) {
        Costs report = costs(weeks);
        Stream<Stream<Object>> rows = Stream.of(
                Stream.of(report.total()).map(row -> line("total", row, report.currency())),
                report.byFlow().stream().map(row -> line("flow", row, report.currency())),
                report.byTemplate().stream().map(row -> line("template", row, report.currency())),
                report.byWeek().stream().map(row -> line("week", row, report.currency())))
                .flatMap(Function.identity());
        return DashboardCsv.lines(new String[] {"dimension", "value", "messages", "billable", "cost", "currency",
                "replied", "meetings_booked", "cost_per_reply", "cost_per_meeting"}, rows);
    }

    private static Stream<Object> line(String dimension, CostRow row, String currency) {
        return Stream.of(dimension, row.by(), row.messages(), row.billable(), row.cost(), currency, row.replied(),
                row.meetingsBooked(), row.costPerReply(), row.costPerMeeting());
    }

    private static List<CostRow> by(List<CostedMessage> messages, Function<CostedMessage, String> key) {
        Map<String, List<CostedMessage>> groups = messages.stream()
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        return groups.entrySet().stream().map(group -> row(group.getKey(), group.getValue())).toList();
    }

    private static CostRow row(String by, List<CostedMessage> messages) {
        BigDecimal cost = messages.stream().map(CostedMessage::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        long replied = messages.stream().filter(CostedMessage::replied).count();
        long meetings = messages.stream().filter(CostedMessage::meetingBooked).count();
        return new CostRow(by, messages.size(), messages.stream().filter(CostedMessage::billable).count(), cost,
                replied, meetings, per(cost, replied), per(cost, meetings));
    }

    private static BigDecimal per(BigDecimal cost, long count) {
        return count == 0 ? null : cost.divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP);
    }

    private LocalDate week(Instant at) {
        return at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /**
     * Leads by the ad that first brought them: how many, how many replied, booked a meeting, won a deal.
     *
     * @param sourceId Meta's ad (or post) id; {@code headline} its headline
     */
    record AdSourceRow(String sourceId, String sourceType, String headline, long leads, long replied,
                       long meetingsBooked, long dealsWon) {
    }

    List<AdSourceRow> adSources(int weeks) {
        LocalDate firstMonday = dashboard.weeks(weeks).get(0);
        OffsetDateTime from = firstMonday.atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                        select r.source_id, r.source_type, max(r.headline) as headline, count(*) as leads,
                            sum(case when exists (select 1 from inbound_message i where i.lead_id = r.lead_id
                                and i.counts_as_reply = true) then 1 else 0 end) as replied,
                            sum(case when exists (select 1 from crm_event e where e.lead_id = r.lead_id
                                and e.type = 'MEETING_BOOKED') then 1 else 0 end) as booked,
                            sum(case when exists (select 1 from crm_event e where e.lead_id = r.lead_id
                                and e.type = 'DEAL_WON') then 1 else 0 end) as won
                        from lead_ad_referral r where r.referred_at >= ?
                        group by r.source_id, r.source_type order by leads desc""")
                .param(from)
                .query((rs, n) -> new AdSourceRow(rs.getString("source_id"), rs.getString("source_type"),
                        rs.getString("headline"), rs.getLong("leads"), rs.getLong("replied"), rs.getLong("booked"),
                        rs.getLong("won")))
                .list();
    }

    String adSourcesCsv(int weeks) {
        return DashboardCsv.lines(new String[] {"source_id", "source_type", "headline", "leads", "replied",
                "meetings_booked", "deals_won"}, adSources(weeks).stream().map(row -> Stream.<Object>of(row.sourceId(),
                row.sourceType(), row.headline(), row.leads(), row.replied(), row.meetingsBooked(), row.dealsWon())));
    }
}
