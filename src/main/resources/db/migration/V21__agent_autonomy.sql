-- Measured autonomy of agent steps. Each audit row names its step (process definition key and
-- activity id), the level the model declared and the level actually used (autonomy), the action
-- taken on the proposal without a person, and whether that action was later reversed (reopened by
-- the reporter, overridden by a person).
ALTER TABLE agent_action ADD COLUMN process_definition_key VARCHAR(255);
ALTER TABLE agent_action ADD COLUMN declared_autonomy VARCHAR(16);
ALTER TABLE agent_action ADD COLUMN action VARCHAR(64);
ALTER TABLE agent_action ADD COLUMN acted_at TIMESTAMP;
ALTER TABLE agent_action ADD COLUMN reversal VARCHAR(32);
ALTER TABLE agent_action ADD COLUMN reversed_at TIMESTAMP;

CREATE INDEX agent_action_step_decided ON agent_action (process_definition_key, activity_id, decided_at);
CREATE INDEX agent_action_step_acted ON agent_action (process_definition_key, activity_id, acted_at);

-- Every change of an agent step's autonomy level: by the platform (demotion by the process
-- owner's rule, with the figures it read) or by a person (promotion or any other change).
-- The latest row of a step is the highest level the step may run at.
CREATE TABLE agent_autonomy_change (
  id                     VARCHAR(36)   NOT NULL PRIMARY KEY,
  process_definition_key VARCHAR(255)  NOT NULL,
  activity_id            VARCHAR(255)  NOT NULL,
  task                   VARCHAR(64)   NOT NULL,
  from_level             VARCHAR(16)   NOT NULL,
  to_level               VARCHAR(16)   NOT NULL,
  changed_by             VARCHAR(64)   NOT NULL,
  by_platform            BOOLEAN       NOT NULL,
  reason                 VARCHAR(1000) NOT NULL,
  reviewed               INTEGER,
  agreement              NUMERIC(5,4),
  acted_alone            INTEGER,
  reversal_share         NUMERIC(5,4),
  changed_at             TIMESTAMP     NOT NULL
);

CREATE INDEX agent_autonomy_change_step ON agent_autonomy_change (process_definition_key, activity_id, changed_at);
