package dev.leadflow.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger's read model for reports: the dashboard's funnel and failures, today's sends per template, and
 * the outcome columns a message carries (the lead's first reply, a booked meeting, a won deal within the
 * attribution window after it). The ledger's tables are read and written here and in {@link MessageLedger}
 * only; every other capability asks these.
 */
@Repository
public class LedgerReports {

    private final JdbcClient jdbc;

    LedgerReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param week the index of the week in {@code weekStarts} */
    public record FunnelCount(int week, String flow, String template, long attempts, long sent, long delivered,
                              long read, long replied, long meetingBooked, long dealWon, long failed,
                              Double secondsToFirstReply) {
    }

    public record FailureCount(Integer errorCode, String flow, long messages, String example) {
    }

    public record TemplateCount(String template, long sent, long failed, long refused, long unsettled) {
    }

    /**
     * Works out again the outcomes of the messages of these leads from their replies and CRM events within
     * {@code attributionDays} after each message. Idempotent.
     */
    public void refreshOutcomesOf(Collection<String> leads, int attributionDays) {
        String within = "INTERVAL '" + attributionDays + "' DAY";
        String sql = """
                update message_attempt set
                  replied_at = (select min(i.occurred_at) from inbound_message i
                                where i.lead_id = message_attempt.lead_id and i.counts_as_reply = true
                                  and i.occurred_at >= message_attempt.created_at
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
        jdbc.sql(sql).param("leads", leads).update();
    }

    /**
     * Messages per template that went out on a day from {@code start} to {@code end} (excluded): sent (first
     * requested that day, accepted by the Cloud API and not failed since), failed (Meta reported a failure that
     * day), refused (the API said no, last tried that day) and unsettled (the answer was lost).
     */
    public List<TemplateCount> sendsByTemplate(Instant start, Instant end) {
        return jdbc.sql("""
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
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", end.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new TemplateCount(rs.getString("template_name"), rs.getLong("sent"),
                        rs.getLong("failed"), rs.getLong("refused"), rs.getLong("unsettled")))
                .list();
    }

    /**
     * @param weekStarts the first moment of each week, ascending; the last week ends at {@code end} (included)
     */
    public List<FunnelCount> funnel(List<Instant> weekStarts, Instant end) {
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
                .query((rs, n) -> new FunnelCount(rs.getInt("week"), rs.getString("flow"),
                        rs.getString("template_name"),
                        rs.getLong("attempts"), rs.getLong("sent"), rs.getLong("delivered"), rs.getLong("read_count"),
                        rs.getLong("replied"), rs.getLong("booked"), rs.getLong("won"), rs.getLong("failed"),
                        (Double) (rs.getObject("reply_seconds") == null ? null : rs.getDouble("reply_seconds"))))
                .list();
    }

    /** Messages that failed or were refused in the period, by Meta's error code and flow. */
    public List<FailureCount> failures(Instant start, Instant end) {
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

    /**
     * Per variant of an experiment: its assignments (table {@code experiment_assignment}, keyed by the send's
     * idempotency key) and what followed each within the attribution window: the message's status in the
     * ledger, the lead's replies and the CRM's events. The experiments capability asks it; the SQL is here
     * because the ledger's tables are read here only.
     */
    public List<VariantOutcome> outcomesByVariant(String experimentId, Duration attributionWindow) {
        String until = "a.assigned_at + INTERVAL '" + Math.max(1, attributionWindow.toDays()) + "' DAY";
        String sql = """
                select a.variant, count(*),
                  sum(case when m.status in ('ACCEPTED', 'SENT', 'DELIVERED', 'READ') then 1 else 0 end),
                  sum(case when m.status in ('DELIVERED', 'READ') then 1 else 0 end),
                  sum(case when m.status = 'READ' then 1 else 0 end),
                  sum(case when exists (select 1 from inbound_message i where i.lead_id = a.lead_id
                      and i.opt_out = false and i.counts_as_reply = true
                      and i.occurred_at >= a.assigned_at and i.occurred_at < UNTIL)
                      then 1 else 0 end),
                  sum(case when exists (select 1 from crm_event e where e.lead_id = a.lead_id
                      and e.type = 'MEETING_BOOKED' and e.received_at >= a.assigned_at and e.received_at < UNTIL)
                      then 1 else 0 end),
                  sum(case when exists (select 1 from crm_event e where e.lead_id = a.lead_id
                      and e.type = 'DEAL_WON' and e.received_at >= a.assigned_at and e.received_at < UNTIL)
                      then 1 else 0 end),
                  sum(case when m.status in ('FAILED', 'REJECTED') and coalesce(m.error_code, 0) not in (131049, 131050)
                      then 1 else 0 end),
                  sum(case when m.error_code in (131049, 131050)
                      or exists (select 1 from inbound_message i where i.lead_id = a.lead_id and i.opt_out = true
                          and i.occurred_at >= a.assigned_at and i.occurred_at < UNTIL)
                      or exists (select 1 from crm_event e where e.lead_id = a.lead_id and e.type = 'OPTED_OUT'
                          and e.received_at >= a.assigned_at and e.received_at < UNTIL)
                      then 1 else 0 end)
                from experiment_assignment a
                left join message_attempt m on m.idempotency_key = a.idempotency_key
                where a.experiment_id = ?
                group by a.variant""".replace("UNTIL", until);
        return jdbc.sql(sql).param(experimentId)
                .query((rs, row) -> new VariantOutcome(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                        rs.getLong(10)))
                .list();
    }

    /** @param blocked the lead hit Meta's marketing limits (131049, 131050) or opted out */
    public record VariantOutcome(String variant, long assigned, long sent, long delivered, long read, long replied,
                                 long meetingBooked, long dealWon, long failed, long blocked) {
    }
}
