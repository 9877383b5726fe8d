package dev.leadflow.crm;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.leadflow.flow.RewarmingCandidates;

/** Rewarming candidates in the lead directory: marked by the flows, selected once stalled. */
@Repository
class RewarmingCandidateDirectory implements RewarmingCandidates {

    private final JdbcClient jdbc;
    private final LeadStatuses statuses;
    private final LeadStatusWords words;

    RewarmingCandidateDirectory(JdbcClient jdbc, LeadStatuses statuses, LeadStatusWords words) {
        this.jdbc = jdbc;
        this.statuses = statuses;
        this.words = words;
    }

    @Override
    public void markCandidate(String leadId, Instant at) {
        jdbc.sql("update lead set rewarming_candidate_at = ? where lead_id = ?")
                .params(at.atOffset(ZoneOffset.UTC), leadId).update();
    }

    @Override
    public List<String> stalledSince(Instant inactiveSince, int limit) {
        return jdbc.sql("""
                        select lead_id from lead l
                        where l.rewarming_candidate_at < :since
                          and l.consent_whatsapp = true
                          and (l.status is null or lower(trim(l.status)) not in (:closed))
                          and l.updated_at < :since
                          and (l.last_inbound_at is null or l.last_inbound_at < :since)
                          and not exists (select 1 from crm_event e where e.lead_id = l.lead_id and e.received_at >= :since)
                        order by l.rewarming_candidate_at, l.lead_id
                        limit :limit""")
                .param("since", inactiveSince.atOffset(ZoneOffset.UTC))
                .param("closed", words.leadStatusSpellings(statuses.closedStatuses()))
                .param("limit", limit)
                .query(String.class)
                .list();
    }
}
