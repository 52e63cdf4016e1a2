-- Every agent step invocation, written in the same transaction as the step, and the decision a
-- person later took on its proposal. Input text is never stored, only its SHA-256 digest.
CREATE TABLE agent_action (
  id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
  process_instance_id VARCHAR(64),
  activity_id         VARCHAR(255),
  task                VARCHAR(64)   NOT NULL,
  provider            VARCHAR(64)   NOT NULL,
  model               VARCHAR(128),
  input_digest        VARCHAR(64)   NOT NULL,
  output              TEXT,
  confidence          NUMERIC(5,4)  NOT NULL,
  autonomy            VARCHAR(16)   NOT NULL,
  routed_to_person    BOOLEAN       NOT NULL,
  latency_ms          BIGINT        NOT NULL,
  error               VARCHAR(2000),
  masked_kinds        VARCHAR(100),
  created_at          TIMESTAMP     NOT NULL,
  decided_by          VARCHAR(64),
  human_decision      TEXT,
  agrees              BOOLEAN,
  decided_at          TIMESTAMP
);

CREATE INDEX agent_action_process_instance ON agent_action (process_instance_id);
CREATE INDEX agent_action_task_decided ON agent_action (task, decided_at);
