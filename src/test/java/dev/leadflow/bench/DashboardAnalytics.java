package dev.leadflow.bench;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ops dashboard on a year of data: seeds the ledger with {@code attempts} messages spread over the last
 * 365 days (statuses, failures with Meta's codes, replies from a fifth of the leads, booked meetings and won
 * deals), then times the dashboard's requests as an operator makes them.
 */
final class DashboardAnalytics {

    /** Requests timed, each answered with 200 and timed {@link #REPEATS} times. */
    static final Map<String, String> REQUESTS = new LinkedHashMap<>();
    static final int REPEATS = 5;

    static {
        REQUESTS.put("dashboard, 12 weeks", "/api/ops/dashboard?weeks=12");
        REQUESTS.put("dashboard, 52 weeks", "/api/ops/dashboard?weeks=52");
        REQUESTS.put("funnel CSV, 52 weeks", "/api/ops/dashboard/funnel.csv?weeks=52");
        REQUESTS.put("stuck leads", "/api/ops/stuck-leads");
    }

    record Timing(String request, int status, Stats.Summary millis) {
    }

    record Result(long attempts, long replies, long crmEvents, double seedSeconds, List<Timing> timings) {

        double worstMedianMillis() {
            return timings.stream().mapToDouble(t -> t.millis().p50()).max().orElse(0);
        }

        boolean allAnswered() {
            return timings.stream().allMatch(t -> t.status() == 200);
        }
    }

    private DashboardAnalytics() {
    }

    static Result run(BenchDatabase db, Http api, int attempts) throws SQLException {
        long start = System.nanoTime();
        seed(db, attempts);
        double seedSeconds = (System.nanoTime() - start) / 1e9;
        long replies = db.number("select count(*) from inbound_message where lead_id like 'analytics-%'");
        long events = db.number("select count(*) from crm_event where lead_id like 'analytics-%'");
        List<Timing> timings = new ArrayList<>();
        REQUESTS.forEach((name, path) -> {
            api.get(path); // the first answer warms the plans and caches up
            List<Double> millis = new ArrayList<>();
            int status = 200;
            for (int i = 0; i < REPEATS; i++) {
                Http.Answer answer = api.get(path);
                millis.add(answer.millis());
                if (!answer.ok()) {
                    status = answer.status();
                }
            }
            timings.add(new Timing(name, status, Stats.summarize(millis)));
        });
        return new Result(attempts, replies, events, Stats.round(seedSeconds), timings);
    }

    /**
     * A year of messages, newest now; every 5th gets a reply within 10 hours, every 25th a meeting the next day,
     * every 100th a won deal (instead).
     */
    private static void seed(BenchDatabase db, int attempts) throws SQLException {
        int leads = Math.max(1, attempts / 4);
        db.execute("""
                insert into message_attempt (idempotency_key, lead_id, flow, step, template_key, template_name,
                    language, category, channel_id, recipient, status, wamid, error_code, error_detail, requests,
                    created_at, updated_at, status_at, message_type, requested_at, step_key)
                select 'analytics-' || g, 'analytics-lead-' || (g %% %1$d), f.flow, 'step', f.template, f.template,
                       'pt_BR', 'marketing', '100000000000042', '+5511900000000',
                       case when g %% 20 = 0 then case when g %% 40 = 0 then 'REJECTED' else 'FAILED' end
                            when g %% 10 < 6 then 'READ' when g %% 10 < 8 then 'DELIVERED' else 'SENT' end,
                       case when g %% 40 = 0 then null else 'wamid.analytics.' || g end,
                       case when g %% 20 = 0 then (array[131026, 131049, 132001, 131000])[1 + (g / 20) %% 4] end,
                       case when g %% 20 = 0 then 'seeded failure' end, 1, t.at, t.at, t.at, 'template', t.at,
                       'analytics-' || g
                from generate_series(1, %2$d) g
                cross join lateral (select now() - (g::double precision / %2$d) * interval '365 days' as at) t
                cross join lateral (select (array['welcome', 'followUp', 'meetingReminders', 'postMeeting'])[1 + g %% 4]
                    as flow, (array['leadflow_welcome', 'leadflow_followup_1', 'leadflow_followup_2',
                    'leadflow_followup_3', 'leadflow_meeting_reminder', 'leadflow_post_meeting',
                    'leadflow_rewarming'])[1 + g %% 7] as template) f""".formatted(leads, attempts));
        db.execute("""
                insert into inbound_message (wamid, from_wa_id, lead_id, type, body, occurred_at, received_at)
                select 'wamid.analytics.in.' || a.id, '5511900000000', a.lead_id, 'text', 'ok',
                       a.created_at + ((a.id %% 600) * interval '1 minute'),
                       a.created_at + ((a.id %% 600) * interval '1 minute')
                from message_attempt a where a.lead_id like 'analytics-%%' and a.id %% 5 = 0""".formatted());
        db.execute("""
                insert into crm_event (event_id, lead_id, type, occurred_at, payload, result, received_at)
                select 'analytics-evt-' || a.id, a.lead_id,
                       case when a.id %% 100 = 0 then 'DEAL_WON' else 'MEETING_BOOKED' end,
                       a.created_at + interval '1 day', '{}', 'seeded', a.created_at + interval '1 day'
                from message_attempt a where a.lead_id like 'analytics-%%' and a.id %% 25 = 0""".formatted());
        // what Leadflow worked out of those replies and CRM events when they came
        db.execute("update inbound_message set outcome_pending = false where lead_id like 'analytics-%'");
        db.execute("update crm_event set outcome_pending = false where lead_id like 'analytics-%'");
        db.execute("""
                update message_attempt set
                  replied_at = case when id %% 5 = 0 then created_at + ((id %% 600) * interval '1 minute') end,
                  meeting_booked_at = case when id %% 25 = 0 and id %% 100 <> 0 then created_at + interval '1 day' end,
                  deal_won_at = case when id %% 100 = 0 then created_at + interval '1 day' end
                where lead_id like 'analytics-%%' and wamid is not null""".formatted());
        db.execute("analyze message_attempt");
        db.execute("analyze inbound_message");
        db.execute("analyze crm_event");
    }
}
