-- Fingerprint of the report (POST /api/incidents) while its incident is open, cleared when it
-- closes: the same report again, also at the same moment, is answered with the open incident.
ALTER TABLE incident ADD COLUMN open_request_hash VARCHAR(64);
CREATE UNIQUE INDEX uq_incident_open_request_hash ON incident (open_request_hash);
