-- Template experiments: which variant each lead got (once per lead and experiment, by a stable hash),
-- the variants the guardrail stopped, and the winner an operator promoted (which ends the experiment).
create table experiment_assignment (
    experiment_id   varchar(100) not null,
    lead_id         varchar(128) not null,
    variant         varchar(100) not null,
    idempotency_key varchar(512) not null,
    assigned_at     timestamp with time zone not null,
    constraint experiment_assignment_pk primary key (experiment_id, lead_id)
);
create index experiment_assignment_lead_idx on experiment_assignment (lead_id);

create table experiment_stop (
    experiment_id varchar(100) not null,
    variant       varchar(100) not null,
    stopped_by    varchar(200) not null,
    reason        varchar(1000) not null,
    stopped_at    timestamp with time zone not null,
    constraint experiment_stop_pk primary key (experiment_id, variant)
);

create table experiment_ending (
    experiment_id varchar(100) not null primary key,
    winner        varchar(100) not null,
    ended_by      varchar(200) not null,
    reason        varchar(1000),
    ended_at      timestamp with time zone not null
);

-- Best-hour sending: the moment chosen for a send, kept so that the send goes then and is not moved again.
create table send_moment (
    idempotency_key varchar(512) not null primary key,
    send_at         timestamp with time zone not null,
    reason          varchar(1000) not null,
    decided_at      timestamp with time zone not null
);

-- The experiment variant a message was (experiment and variant in words), or null.
alter table message_attempt add column variant varchar(200);
