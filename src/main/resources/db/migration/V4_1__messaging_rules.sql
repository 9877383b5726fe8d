-- The messaging rules: what a send was (template or free-form text), when its last request went out
-- (the frequency cap counts those), what Meta told us about the lead, and the holds that make sends wait.

alter table message_attempt add column message_type varchar(20) default 'template' not null;
alter table message_attempt add column requested_at timestamp with time zone;
create index message_attempt_lead_requested_idx on message_attempt (lead_id, requested_at);

-- 131050: the lead stopped marketing messages; cleared by an OPTED_IN event.
alter table lead add column marketing_stopped_at timestamp with time zone;
-- 131026 or an operator's decision: this phone number cannot receive WhatsApp messages.
-- Kept with the number, so a new number from the CRM lifts it.
alter table lead add column undeliverable_phone varchar(20);
alter table lead add column undeliverable_at timestamp with time zone;

-- Sends wait while a hold is active: a paused channel (0/190), a paused template (132015/132016),
-- a recipient's pair rate limit (131056), a lead's marketing limit (131049).
-- strikes counts consecutive refusals, for growing intervals.
create table send_hold (
    hold_kind   varchar(20)   not null,
    subject     varchar(512)  not null,
    error_code  integer,
    reason      varchar(1000) not null,
    strikes     integer       not null,
    held_since  timestamp with time zone not null,
    held_until  timestamp with time zone not null,
    constraint send_hold_pk primary key (hold_kind, subject)
);
