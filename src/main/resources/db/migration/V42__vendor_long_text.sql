-- Vendor onboarding: an approver's reason and the reason an application closed (which quotes
-- compliance's or legal's comment) are kept in full, up to the comment limit of the forms
-- (io.handoff.platform.api.TextLimits.COMMENT_MAX), not cut at 2,000 characters.
ALTER TABLE vendor_approval ALTER COLUMN reason SET DATA TYPE TEXT;
ALTER TABLE vendor_application ALTER COLUMN closing_reason SET DATA TYPE TEXT;
