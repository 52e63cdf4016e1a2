-- Business-time SLA clocks and the response clock of an incident (docs/incident-escalation.md).
-- sla_clock: 24x7 or BUSINESS (the support group's calendar), from the SLA targets table;
-- response_due: when the first response must have happened; first_response_at / first_response_by:
-- the claim or answer that was the first response; response_breached_at: when the response target
-- passed without one. incident_escalation.kind tells a missed response from a missed resolution.
ALTER TABLE incident ADD COLUMN sla_clock VARCHAR(10);
ALTER TABLE incident ADD COLUMN response_due TIMESTAMP;
ALTER TABLE incident ADD COLUMN first_response_at TIMESTAMP;
ALTER TABLE incident ADD COLUMN first_response_by VARCHAR(100);
ALTER TABLE incident ADD COLUMN response_breached_at TIMESTAMP;
ALTER TABLE incident_escalation ADD COLUMN kind VARCHAR(20) DEFAULT 'RESOLUTION' NOT NULL;
