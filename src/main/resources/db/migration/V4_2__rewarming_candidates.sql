-- A flow that ended without a response from the lead marks it; the rewarming dispatcher selects marked
-- leads once they have been inactive long enough.
alter table lead add column rewarming_candidate_at timestamp with time zone;
create index lead_rewarming_candidate_idx on lead (rewarming_candidate_at);
