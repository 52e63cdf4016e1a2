-- Vendor onboarding under concurrency: one vendor per VAT number and per IBAN, and one application
-- per submission.

-- The vendor master holds each VAT number and each IBAN (canonical form) once: two applications
-- approved at the same moment cannot both create the vendor. (A vendor master that already holds a
-- VAT number or IBAN twice stops this migration; merge those vendors first, docs/operations.md.)
DROP INDEX vendor_vat_idx;
DROP INDEX vendor_iban_idx;
CREATE UNIQUE INDEX vendor_vat_uk ON vendor (vat_id);
CREATE UNIQUE INDEX vendor_iban_uk ON vendor (iban);

-- Fingerprint of the domain API request that submitted the application (null for a Tasklist
-- start): the same request again, also at the same moment, is answered with this application.
ALTER TABLE vendor_application ADD COLUMN request_hash VARCHAR(64);
CREATE UNIQUE INDEX vendor_application_request_hash_uk ON vendor_application (request_hash);
