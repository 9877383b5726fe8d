package dev.leadflow.ops;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's questions to the ledger, each one scan of {@code message_attempt} over the period
 * (index {@code message_attempt_created_idx}), bucketed by week in the query itself. A reply, booked
 * meeting or won deal counts for a message when it comes within the attribution window after it (index
 * lookups per message: {@code inbound_message_lead_time_idx}, {@code crm_event_lead_type_idx}).
 */
@Repository
class DashboardQueries {

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param week the index of the week in {@code weekStarts} */
    public record FunnelCount(int week, String flow, String template, long attempts, long sent, long delivered, long read,
                       long replied, long meetingBooked, long dealWon, long failed, Double secondsToFirstReply) {
    }

    public record FailureCount(Integer errorCode, String flow, long messages, String example) {
    }

    /**
     * @param weekStarts the first moment of each week, ascending; the last week ends at {@code end} (included)
     */
    List<FunnelCount> funnel(List<Instant> weekStarts, Instant end, int attributionDays) {
        String within = "INTERVAL '" + attributionDays + "' DAY";
        String reply = "select min(i.occurred_at) from inbound_message i where i.lead_id = a.lead_id"
                + " and i.occurred_at >= a.created_at and i.occurred_at < a.created_at + " + within;
        String sql = """
                select week, flow, template_name, count(*) attempts,
                       sum(case when wamid is not null then 1 else 0 end) sent,
                       sum(case when status in ('DELIVERED', 'READ') then 1 else 0 end) delivered,
                       sum(case when status = 'READ' then 1 else 0 end) read_count,
                       sum(case when first_reply is not null then 1 else 0 end) replied,
                       sum(booked) booked, sum(won) won,
                       sum(case when status in ('FAILED', 'REJECTED') then 1 else 0 end) failed,
                       avg(case when first_reply is not null then extract(epoch from first_reply) end)
                         - avg(case when first_reply is not null then extract(epoch from created_at) end) reply_seconds
                from (
                  select %s as week, a.flow, a.template_name, a.wamid, a.status, a.created_at,
                         case when a.wamid is null then null else (%s) end as first_reply,
                         case when a.wamid is not null and exists (select 1 from crm_event e where e.lead_id = a.lead_id
                              and e.type = 'MEETING_BOOKED' and e.received_at >= a.created_at
                              and e.received_at < a.created_at + %s) then 1 else 0 end as booked,
                         case when a.wamid is not null and exists (select 1 from crm_event e where e.lead_id = a.lead_id
                              and e.type = 'DEAL_WON' and e.received_at >= a.created_at
                              and e.received_at < a.created_at + %s) then 1 else 0 end as won
                  from message_attempt a
                  where a.created_at >= ? and a.created_at <= ?
                ) m
                group by week, flow, template_name
                order by week, flow, template_name""".formatted(weekCase(weekStarts), reply, within, within);
        return jdbc.sql(sql)
                .params(params(weekStarts, end))
                .query((rs, n) -> new FunnelCount(rs.getInt("week"), rs.getString("flow"), rs.getString("template_name"),
                        rs.getLong("attempts"), rs.getLong("sent"), rs.getLong("delivered"), rs.getLong("read_count"),
                        rs.getLong("replied"), rs.getLong("booked"), rs.getLong("won"), rs.getLong("failed"),
                        (Double) (rs.getObject("reply_seconds") == null ? null : rs.getDouble("reply_seconds"))))
                .list();
    }

    /** Messages that failed or were refused in the period, by Meta's error code and flow. */
    List<FailureCount> failures(Instant start, Instant end) {
        return jdbc.sql("""
                        select error_code, flow, count(*) messages, max(error_detail) example
                        from message_attempt
                        where created_at >= ? and created_at <= ? and status in ('FAILED', 'REJECTED')
                        group by error_code, flow
                        order by count(*) desc""")
                .params(utc(start), utc(end))
                .query((rs, n) -> new FailureCount((Integer) rs.getObject("error_code"), rs.getString("flow"),
                        rs.getLong("messages"), rs.getString("example")))
                .list();
    }

    /** {@code case when created_at < week1 then 0 when created_at < week2 then 1 ... else last end}. */
    private static String weekCase(List<Instant> weekStarts) {
        if (weekStarts.size() == 1) {
            return "0";
        }
        StringBuilder sql = new StringBuilder("case");
        for (int week = 1; week < weekStarts.size(); week++) {
            sql.append(" when a.created_at < ? then ").append(week - 1);
        }
        return sql.append(" else ").append(weekStarts.size() - 1).append(" end").toString();
    }

    private static Object[] params(List<Instant> weekStarts, Instant end) {
        Object[] params = new Object[weekStarts.size() + 1];
        for (int week = 1; week < weekStarts.size(); week++) {
            params[week - 1] = utc(weekStarts.get(week));
        }
        params[weekStarts.size() - 1] = utc(weekStarts.get(0));
        params[weekStarts.size()] = utc(end);
        return params;
    }

    private static Object utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
