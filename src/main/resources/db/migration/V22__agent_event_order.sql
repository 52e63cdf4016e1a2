-- The agent audit and autonomy records carry the engine clock's time (the time the processes see).
-- Their order, which the autonomy figures read ("the latest N reviewed decisions since the last
-- change"), comes from one sequence taken when each event is written, so it holds when the clock
-- is moved or differs between nodes. Rows written before this migration share order 0 and keep
-- their order by time among themselves.
CREATE SEQUENCE agent_event_seq START WITH 1;

ALTER TABLE agent_action ADD COLUMN created_seq BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE agent_action ADD COLUMN decided_seq BIGINT;
ALTER TABLE agent_action ADD COLUMN acted_seq BIGINT;
UPDATE agent_action SET decided_seq = 0 WHERE decided_at IS NOT NULL;
UPDATE agent_action SET acted_seq = 0 WHERE acted_at IS NOT NULL;

ALTER TABLE agent_autonomy_change ADD COLUMN changed_seq BIGINT DEFAULT 0 NOT NULL;

CREATE INDEX agent_action_step_decided_order ON agent_action (process_definition_key, activity_id, decided_seq, decided_at);
CREATE INDEX agent_action_step_acted_order ON agent_action (process_definition_key, activity_id, acted_seq, acted_at);
CREATE INDEX agent_action_step_created_order ON agent_action (process_definition_key, activity_id, created_seq, created_at);
CREATE INDEX agent_action_task_decided_order ON agent_action (task, decided_seq, decided_at);
CREATE INDEX agent_autonomy_change_step_order ON agent_autonomy_change (process_definition_key, activity_id, changed_seq, changed_at);
DROP INDEX agent_action_step_decided;
DROP INDEX agent_action_step_acted;
DROP INDEX agent_autonomy_change_step;
DROP INDEX agent_action_task_decided;
