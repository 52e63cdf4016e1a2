-- A page in the PagerDuty Events API v2 sense: which action (trigger, acknowledge, resolve), the
-- dedup_key that ties the three together (the incident id) and the severity of a trigger. Empty
-- for every other kind of notification and for pages written before.
ALTER TABLE notification_outbox ADD COLUMN page_action VARCHAR(16);
ALTER TABLE notification_outbox ADD COLUMN page_dedup_key VARCHAR(255);
ALTER TABLE notification_outbox ADD COLUMN page_severity VARCHAR(16);
