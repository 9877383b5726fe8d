-- The dashboard folds an operator's re-sends into the message they repeat (following resend_of):
-- each step of that walk looks re-sends up by the attempt they repeat.
create index message_attempt_resend_of on message_attempt (resend_of);
