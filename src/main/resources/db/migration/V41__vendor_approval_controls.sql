-- Vendor onboarding: the facts segregation of duties decides on, kept where a task completion or a
-- variable call cannot write them.

-- An application is found by its process instance (the engine's own record), not by a variable.
CREATE INDEX vendor_application_process_idx ON vendor_application (process_instance_id);

-- The forms under which the requester was known when the application was registered (user id,
-- e-mail address, lower case, comma-separated), so that changing one's e-mail address later does
-- not make one a stranger to one's own request.
ALTER TABLE vendor_application ADD COLUMN requester_identities VARCHAR(1000);

-- One decision per person and application: a person in two approving groups approves one of them.
-- The database refuses the second row, so two completions at the same moment cannot both pass.
CREATE UNIQUE INDEX vendor_approval_one_per_person_idx ON vendor_approval (application_id, user_id);

-- Each approval task and the group it is for, written when the engine creates the task; and where
-- it was escalated to (a lead or a group) and why.
CREATE TABLE vendor_approval_task (
  task_id             VARCHAR(64)   NOT NULL PRIMARY KEY,
  application_id      VARCHAR(36)   NOT NULL,
  process_instance_id VARCHAR(64)   NOT NULL,
  approval_group      VARCHAR(64)   NOT NULL,
  escalated_to_user   VARCHAR(64),
  escalated_to_group  VARCHAR(64),
  escalation_level    INTEGER,
  escalation_reason   VARCHAR(40),
  created_at          TIMESTAMP     NOT NULL,
  escalated_at        TIMESTAMP
);

CREATE INDEX vendor_approval_task_application_idx ON vendor_approval_task (application_id);
