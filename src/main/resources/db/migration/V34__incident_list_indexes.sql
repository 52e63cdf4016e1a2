-- Indexes for GET /api/incidents: each filter leads an index that ends in the default sort and the
-- id, so a page is read in index order and stops after size + 1 rows.
CREATE INDEX ix_incident_list_created ON incident (created_at, id);
CREATE INDEX ix_incident_list_updated ON incident (updated_at, id);
CREATE INDEX ix_incident_list_status_created ON incident (status, created_at, id);
CREATE INDEX ix_incident_list_priority_created ON incident (priority, created_at, id);
CREATE INDEX ix_incident_list_group_created ON incident (assigned_group, created_at, id);
CREATE INDEX ix_incident_list_reporter_created ON incident (reporter, created_at, id);
CREATE INDEX ix_incident_list_source_created ON incident (source, created_at, id);
