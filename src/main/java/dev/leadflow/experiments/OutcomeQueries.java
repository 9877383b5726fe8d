package dev.leadflow.experiments;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Counts per variant of an experiment, read from the assignments and what followed each within the
 * attribution window: the message's status in the ledger, the lead's replies, and the CRM's events.
 */
@Repository
class OutcomeQueries {

    private final JdbcTemplate jdbc;

    OutcomeQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<VariantCounts> countsOf(String experimentId, Duration attributionWindow) {
        String until = "a.assigned_at + INTERVAL '" + Math.max(1, attributionWindow.toDays()) + "' DAY";
        String sql = """
                select a.variant, count(*),
                  sum(case when m.status in ('ACCEPTED', 'SENT', 'DELIVERED', 'READ') then 1 else 0 end),
                  sum(case when m.status in ('DELIVERED', 'READ') then 1 else 0 end),
                  sum(case when m.status = 'READ' then 1 else 0 end),
                  sum(case when exists (select 1 from inbound_message i where i.lead_id = a.lead_id
                      and i.opt_out = false and i.occurred_at >= a.assigned_at and i.occurred_at < UNTIL)
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
        return jdbc.query(sql, (rs, row) -> new VariantCounts(rs.getString(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                rs.getLong(10)), experimentId);
    }
}
