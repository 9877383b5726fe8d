package dev.leadflow.ops;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's questions to the ledger. What became of a message (the lead's first reply, a booked
 * meeting, a won deal within the attribution window after it) is worked out ahead, on the message's own
 * row, whenever its lead replies or the CRM reports an outcome ({@link #refreshOutcomes}); the funnel is
 * then one scan of the period
 * (index {@code message_attempt_created_idx}), bucketed by week in the query itself.
 */
@Repository
class DashboardQueries {

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param week the index of the week in {@code weekStarts} */
    public record FunnelCount(int week, String flow, String template, long attempts, long sent, long delivered,
                              long read, long replied, long meetingBooked, long dealWon, long failed,
                              Double secondsToFirstReply) {
    }

    public record FailureCount(Integer errorCode, String flow, long messages, String example) {
    }

    /**
     * Works out again the outcomes of the messages of every lead with a reply or CRM event not taken into
     * account yet, {@code batch} events at a time, and marks those events as taken into account. Idempotent:
     * two nodes doing it at once compute the same values.
     *
     * @return how many events were taken into account
     */
    int refreshOutcomes(int attributionDays, int batch) {
        String within = "INTERVAL '" + attributionDays + "' DAY";
        String sql = """
                update message_attempt set
                  replied_at = (select min(i.occurred_at) from inbound_message i
                                where i.lead_id = message_attempt.lead_id and i.occurred_at >= message_attempt.created_at
                                  and i.occurred_at < message_attempt.created_at + %1$s),
                  meeting_booked_at = (select min(e.received_at) from crm_event e
                                where e.lead_id = message_attempt.lead_id and e.type = 'MEETING_BOOKED'
                                  and e.received_at >= message_attempt.created_at
                                  and e.received_at < message_attempt.created_at + %1$s),
                  deal_won_at = (select min(e.received_at) from crm_event e
                                where e.lead_id = message_attempt.lead_id and e.type = 'DEAL_WON'
                                  and e.received_at >= message_attempt.created_at
                                  and e.received_at < message_attempt.created_at + %1$s)
                where lead_id in (:leads)""".formatted(within);
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
                jdbc.sql(sql).param("leads", leads).update();
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
        // a re-send joins the message it repeats (its chain of resend_of): one message, its best outcome
        String sql = """
                with recursive chain(id, root_id) as (
                  select id, id from message_attempt where resend_of is null and created_at >= ? and created_at <= ?
                  union all
                  select a.id, c.root_id from message_attempt a join chain c on a.resend_of = c.id
                )
                select week, flow, template_name, count(*) attempts, sum(sent) sent, sum(delivered) delivered,
                       sum(read_count) read_count,
                       sum(case when replied_at is not null then 1 else 0 end) replied,
                       sum(case when meeting_booked_at is not null then 1 else 0 end) booked,
                       sum(case when deal_won_at is not null then 1 else 0 end) won,
                       sum(failed) failed,
                       avg(case when replied_at is not null then extract(epoch from replied_at) end)
                         - avg(case when replied_at is not null then extract(epoch from created_at) end) reply_seconds
                from (
                  select %s as week, o.flow, o.template_name, o.created_at,
                         max(case when a.wamid is not null then 1 else 0 end) sent,
                         max(case when a.status in ('DELIVERED', 'READ') then 1 else 0 end) delivered,
                         max(case when a.status = 'READ' then 1 else 0 end) read_count,
                         min(case when a.wamid is not null then a.replied_at end) replied_at,
                         min(case when a.wamid is not null then a.meeting_booked_at end) meeting_booked_at,
                         min(case when a.wamid is not null then a.deal_won_at end) deal_won_at,
                         min(case when a.status in ('FAILED', 'REJECTED') then 1 else 0 end) failed
                  from chain c
                  join message_attempt o on o.id = c.root_id
                  join message_attempt a on a.id = c.id
                  group by c.root_id, o.flow, o.template_name, o.created_at
                ) m
                group by week, flow, template_name
                order by week, flow, template_name""".formatted(weekCase(weekStarts, "o.created_at"));
        return jdbc.sql(sql)
                .params(funnelParams(weekStarts, end))
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
    private static String weekCase(List<Instant> weekStarts, String createdAt) {
        if (weekStarts.size() == 1) {
            return "0";
        }
        StringBuilder sql = new StringBuilder("case");
        for (int week = 1; week < weekStarts.size(); week++) {
            sql.append(" when ").append(createdAt).append(" < ? then ").append(week - 1);
        }
        return sql.append(" else ").append(weekStarts.size() - 1).append(" end").toString();
    }

    /** The period (first week's start, end), then the start of each week after the first, for the week case. */
    private static Object[] funnelParams(List<Instant> weekStarts, Instant end) {
        Object[] params = new Object[weekStarts.size() + 1];
        params[0] = utc(weekStarts.get(0));
        params[1] = utc(end);
        for (int week = 1; week < weekStarts.size(); week++) {
            params[week + 1] = utc(weekStarts.get(week));
        }
        return params;
    }

    private static Object utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
