-- What the reporter said at intake (their own answer, kept apart from what classification later
-- made of it), and why automatic remediation did or did not act alone.
ALTER TABLE incident ADD COLUMN reported_category VARCHAR(40);
ALTER TABLE incident ADD COLUMN reported_known_request VARCHAR(40);
ALTER TABLE incident ADD COLUMN remediation_evidence VARCHAR(1000);
