-- Process insights (docs/insights.md): when each user task was first claimed. The engine's history
-- keeps when a task was created and completed, not when someone took it (ACT_HI_IDENTITYLINK and
-- the user operation log are written only at history level full), so a task listener on
-- `assignment` records the first assignment of every user task here, in the claim's transaction.
CREATE TABLE insight_task_claim (
  task_id              VARCHAR(64)  NOT NULL PRIMARY KEY,
  process_instance_id  VARCHAR(64),
  activity_id          VARCHAR(255),
  assignee             VARCHAR(255) NOT NULL,
  claimed_at           TIMESTAMP    NOT NULL
);

CREATE INDEX insight_task_claim_instance_idx ON insight_task_claim (process_instance_id);
