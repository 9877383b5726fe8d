-- Operator actions never double a message. Every attempt belongs to one send step: the key its flow sends
-- under (step_key); an operator's re-send is another attempt of the same step.
alter table message_attempt add column step_key varchar(512);
-- Set while an attempt is in flight or accepted, cleared when it is refused or fails: its unique index lets
-- at most one attempt of a step be in flight or sent, whichever node or path asks.
alter table message_attempt add column step_claim varchar(512);
-- When the Cloud API accepted the message (the timeline's "sent"), not when the first request was written.
alter table message_attempt add column accepted_at timestamp with time zone;

update message_attempt set step_key = idempotency_key where resend_of is null;
update message_attempt set step_key = (select o.step_key from message_attempt o where o.id = message_attempt.resend_of)
    where resend_of is not null;
update message_attempt set step_key = idempotency_key where step_key is null;
update message_attempt set accepted_at = coalesce(requested_at, created_at) where wamid is not null;
update message_attempt set step_claim = step_key
    where status in ('PENDING', 'ACCEPTED', 'SENT', 'DELIVERED', 'READ')
      and id = (select min(o.id) from message_attempt o where o.step_key = message_attempt.step_key
                  and o.status in ('PENDING', 'ACCEPTED', 'SENT', 'DELIVERED', 'READ'));
-- An operator's override is once per failed attempt: a second re-send of the same failed one is refused.
update message_attempt set resend_of = null
    where resend_of is not null
      and id <> (select min(o.id) from message_attempt o where o.resend_of = message_attempt.resend_of);

alter table message_attempt alter column step_key set not null;
create unique index message_attempt_step_claim_uq on message_attempt (step_claim);
create unique index message_attempt_resend_of_uq on message_attempt (resend_of);
create index message_attempt_step_key_idx on message_attempt (step_key);
