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

-- An incident belongs to at most one major incident (the primary key), never to itself.
CREATE TABLE incident_major_link (
    related_id  VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES incident (id),
    major_id    VARCHAR(36)  NOT NULL REFERENCES incident_major (incident_id),
    linked_by   VARCHAR(100) NOT NULL,
    linked_at   TIMESTAMP    NOT NULL,
    CONSTRAINT ck_incident_major_link_self CHECK (related_id <> major_id)
);
CREATE INDEX ix_incident_major_link_major ON incident_major_link (major_id, linked_at);
