-- The facts the invoice controls read from our tables instead of process variables: the approval
-- route, who approved which level, and the invoice number as the duplicate check compares it.

-- The invoice number without case, spaces, separators and leading zeros ("INV-0042" = "inv 42").
ALTER TABLE invoice ADD COLUMN invoice_number_key VARCHAR(64);
UPDATE invoice SET invoice_number_key = UPPER(invoice_number);
ALTER TABLE invoice ALTER COLUMN invoice_number_key SET NOT NULL;
CREATE UNIQUE INDEX invoice_vendor_number_key_uk ON invoice (vendor_id, invoice_number_key);

-- The approval matrix's answer for the invoice: groups in order, comma-separated; empty when the
-- invoice is approved automatically; null until the matrix has decided.
ALTER TABLE invoice ADD COLUMN approver_groups VARCHAR(500);

-- One row per approval level decided. A person decides at most one level of an invoice, enforced
-- here so that two attempts at the same moment cannot both succeed.
CREATE TABLE invoice_approval (
  invoice_id      VARCHAR(36)  NOT NULL REFERENCES invoice (invoice_id),
  level_no        INTEGER      NOT NULL,
  approver_group  VARCHAR(64)  NOT NULL,
  decided_by      VARCHAR(64)  NOT NULL,
  decision        VARCHAR(16)  NOT NULL,
  decision_comment TEXT,
  decided_at      TIMESTAMP    NOT NULL,
  PRIMARY KEY (invoice_id, level_no),
  CONSTRAINT invoice_approval_person_uk UNIQUE (invoice_id, decided_by)
);

CREATE INDEX invoice_po_idx ON invoice (po_number);

-- When segregation of duties leaves no member of a level's group who may approve, the level goes
-- to the group the escalation table names; the members of either group may then decide it.
CREATE TABLE invoice_approval_escalation (
  invoice_id        VARCHAR(36)  NOT NULL REFERENCES invoice (invoice_id),
  level_no          INTEGER      NOT NULL,
  approver_group    VARCHAR(64)  NOT NULL,
  escalation_group  VARCHAR(64)  NOT NULL,
  escalated_at      TIMESTAMP    NOT NULL,
  PRIMARY KEY (invoice_id, level_no)
);
