-- What a page does at the paging service (PagerDuty Events API v2): trigger, acknowledge or
-- resolve, and a trigger's severity, as "trigger:critical" or "resolve". Null for other rows and
-- for pages written without one. Its dedup key is the row's event_id (what a receiver
-- de-duplicates on, like an integration event's id).
ALTER TABLE notification_outbox ADD COLUMN page_event VARCHAR(32);
