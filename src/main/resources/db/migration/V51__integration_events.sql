-- Outbound events for integrators (docs/integrations.md) travel in the notification outbox: one row
-- of kind EVENT per event and subscriber, written in the transaction of the step that causes the
-- event. Its subject is the event type, its recipient the subscriber's name, its body the exact JSON
-- that is signed and posted; event_id is the event's UUID, the same for every subscriber and
-- attempt. Standard SQL for H2 and PostgreSQL.
ALTER TABLE notification_outbox ADD COLUMN event_id VARCHAR(36);

-- What GET /api/events/deliveries reads: the newest rows of one kind.
CREATE INDEX ix_notification_outbox_kind ON notification_outbox (kind, id);
