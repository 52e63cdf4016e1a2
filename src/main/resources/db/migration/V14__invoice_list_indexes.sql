-- Indexes for GET /api/invoices and GET /api/purchase-orders: each filter leads an index that ends
-- in the default sort and the id, so a page is read in index order and stops after size + 1 rows.
CREATE INDEX invoice_list_received_idx ON invoice (received_at, invoice_id);
CREATE INDEX invoice_list_status_received_idx ON invoice (status, received_at, invoice_id);
CREATE INDEX invoice_list_vendor_received_idx ON invoice (vendor_id, received_at, invoice_id);
CREATE INDEX invoice_list_po_received_idx ON invoice (po_number, received_at, invoice_id);
CREATE INDEX invoice_list_date_idx ON invoice (invoice_date, invoice_id);
CREATE INDEX invoice_list_updated_idx ON invoice (updated_at, invoice_id);

CREATE INDEX purchase_order_list_created_idx ON purchase_order (created_at, po_number);
CREATE INDEX purchase_order_list_vendor_idx ON purchase_order (vendor_id, created_at, po_number);
CREATE INDEX purchase_order_list_requester_idx ON purchase_order (requested_by, created_at, po_number);
CREATE INDEX purchase_order_list_category_idx ON purchase_order (category, created_at, po_number);
