-- What Meta said a status costs is kept on the status itself: the same key (wamid, status), recorded in the
-- same transaction, so a status is one insert instead of two.
alter table message_status_event add column billable boolean;
alter table message_status_event add column pricing_model varchar(20);
alter table message_status_event add column pricing_type varchar(40);
alter table message_status_event add column conversation_id varchar(200);
alter table message_status_event add column conversation_category varchar(40);
alter table message_status_event add column conversation_expires_at timestamp with time zone;

update message_status_event e set
    billable = (select p.billable from message_status_pricing p where p.wamid = e.wamid and p.status = e.status),
    pricing_model = (select p.pricing_model from message_status_pricing p
                     where p.wamid = e.wamid and p.status = e.status),
    pricing_type = (select p.pricing_type from message_status_pricing p where p.wamid = e.wamid and p.status = e.status),
    pricing_category = coalesce(e.pricing_category, (select p.pricing_category from message_status_pricing p
                                                     where p.wamid = e.wamid and p.status = e.status)),
    conversation_id = (select p.conversation_id from message_status_pricing p
                       where p.wamid = e.wamid and p.status = e.status),
    conversation_category = (select p.conversation_category from message_status_pricing p
                             where p.wamid = e.wamid and p.status = e.status),
    conversation_expires_at = (select p.conversation_expires_at from message_status_pricing p
                               where p.wamid = e.wamid and p.status = e.status)
where exists (select 1 from message_status_pricing p where p.wamid = e.wamid and p.status = e.status);

drop table message_status_pricing;
