-- Indexes for GET /api/vendors and GET /api/vendor-applications: each filter leads an index that
-- ends in the default sort and the id, so a page is read in index order and stops after size + 1
-- rows. VAT number and IBAN already have unique indexes; the name filter (a case-insensitive
-- part of the name) walks the created_at index and stops once the page is full.
CREATE INDEX vendor_list_created_idx ON vendor (created_at, vendor_id);
CREATE INDEX vendor_list_name_idx ON vendor (legal_name, vendor_id);
CREATE INDEX vendor_list_category_idx ON vendor (category, created_at, vendor_id);
CREATE INDEX vendor_list_country_idx ON vendor (country, created_at, vendor_id);
CREATE INDEX vendor_application_list_created_idx ON vendor_application (created_at, application_id);
CREATE INDEX vendor_application_list_updated_idx ON vendor_application (updated_at, application_id);
CREATE INDEX vendor_application_list_status_idx ON vendor_application (status, created_at, application_id);
CREATE INDEX vendor_application_list_requester_idx ON vendor_application (requested_by, created_at, application_id);
