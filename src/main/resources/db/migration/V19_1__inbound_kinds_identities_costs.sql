-- Inbound messages as Meta sends them: what kind each one is, whether it counted as the lead replying, a short
-- safe summary for the timeline, the media id to fetch the file while Meta keeps it, the business number it was
-- sent to, the sender's business-scoped user id and username (a username user may come without a number), and
-- the click-to-WhatsApp ad that brought it. A message of no known lead waits in the unmatched inbox
-- (lead_id null) until an operator assigns it.
alter table inbound_message alter column from_wa_id drop not null;
alter table inbound_message add column kind varchar(40);
alter table inbound_message add column counts_as_reply boolean default true not null;
alter table inbound_message add column summary varchar(1000);
alter table inbound_message add column media_id varchar(200);
alter table inbound_message add column channel_id varchar(64);
alter table inbound_message add column from_user_id varchar(160);
alter table inbound_message add column from_username varchar(100);
alter table inbound_message add column ad_source_id varchar(200);
alter table inbound_message add column ad_source_type varchar(40);
alter table inbound_message add column ad_source_url varchar(1000);
alter table inbound_message add column ad_headline varchar(500);
alter table inbound_message add column ad_ctwa_clid varchar(500);
alter table inbound_message add column assigned_by varchar(200);
alter table inbound_message add column assigned_at timestamp with time zone;
create index inbound_message_unmatched_idx on inbound_message (lead_id, received_at);
create index inbound_message_user_idx on inbound_message (from_user_id);

-- Who the lead is on WhatsApp besides its number: Meta's business-scoped user id and the username.
alter table lead add column wa_user_id varchar(160);
alter table lead add column wa_username varchar(100);
create index lead_wa_user_idx on lead (wa_user_id);

-- The first click-to-WhatsApp ad that brought the lead (first touch); later ads stay on their messages.
create table lead_ad_referral (
    lead_id     varchar(128)  not null primary key,
    source_id   varchar(200),
    source_type varchar(40),
    source_url  varchar(1000),
    headline    varchar(500),
    ctwa_clid   varchar(500),
    wamid       varchar(200)  not null,
    referred_at timestamp with time zone not null
);

-- Meta's customer-service window is per user and business number: the lead's last message to each number.
create table customer_service_window (
    lead_id         varchar(128) not null,
    channel_id      varchar(64)  not null,
    last_inbound_at timestamp with time zone not null,
    constraint customer_service_window_pk primary key (lead_id, channel_id)
);

-- What Meta said each status costs: pricing (billable, model, type, category) and, on older models, the
-- conversation. Once per (wamid, status), like message_status_event.
create table message_status_pricing (
    wamid                   varchar(200) not null,
    status                  varchar(20)  not null,
    billable                boolean,
    pricing_model           varchar(20),
    pricing_type            varchar(40),
    pricing_category        varchar(40),
    conversation_id         varchar(200),
    conversation_category   varchar(40),
    conversation_expires_at timestamp with time zone,
    received_at             timestamp with time zone not null,
    constraint message_status_pricing_pk primary key (wamid, status)
);
