-- Major incidents: a P1 declared major by a member of the group its BPMN task names, the
-- stakeholder channel it informs on the BPMN cadence, the incidents linked to it and the review
-- that must be done before it can close.
CREATE TABLE incident_major (
    incident_id          VARCHAR(36)   NOT NULL PRIMARY KEY REFERENCES incident (id),
    declared_at          TIMESTAMP     NOT NULL,
    declared_by          VARCHAR(100)  NOT NULL,
    reason               TEXT          NOT NULL,
    declare_group        VARCHAR(100)  NOT NULL,
    stakeholder_channel  VARCHAR(200)  NOT NULL,
    updates_sent         INTEGER       NOT NULL DEFAULT 0,
    last_update_at       TIMESTAMP,
    restored_at          TIMESTAMP,
    reviewed_at          TIMESTAMP,
    reviewed_by          VARCHAR(100),
    review_summary       TEXT,
    review_actions       TEXT
);

-- The incidents linked to a major incident. An incident belongs to at most one major incident that
-- is not closed (checked under a lock of the incident rows); once its major incident is closed it
-- may join another one, and the earlier link stays as history.
CREATE TABLE incident_major_link (
    major_id    VARCHAR(36)  NOT NULL REFERENCES incident_major (incident_id),
    related_id  VARCHAR(36)  NOT NULL REFERENCES incident (id),
    linked_by   VARCHAR(100) NOT NULL,
    linked_at   TIMESTAMP    NOT NULL,
    PRIMARY KEY (major_id, related_id),
    CONSTRAINT ck_incident_major_link_self CHECK (related_id <> major_id)
);
CREATE INDEX ix_incident_major_link_related ON incident_major_link (related_id);

-- What a person decided in a major incident's task (the declaration, the review), written by the
-- task's guard when the task is completed and taken, once, by the step that records it: a step
-- started any other way (a token moved by an administrator) finds nothing and refuses.
CREATE TABLE incident_major_decision (
    incident_id  VARCHAR(36)  NOT NULL REFERENCES incident (id),
    step         VARCHAR(20)  NOT NULL,
    task_id      VARCHAR(64)  NOT NULL,
    decided_by   VARCHAR(100) NOT NULL,
    decided_in   VARCHAR(100) NOT NULL,
    outcome      VARCHAR(20)  NOT NULL,
    reason       TEXT,
    related      TEXT,
    actions      TEXT,
    decided_at   TIMESTAMP    NOT NULL,
    PRIMARY KEY (incident_id, step)
);
