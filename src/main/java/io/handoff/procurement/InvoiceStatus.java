package io.handoff.procurement;

/** Where an invoice stands; stored with the invoice so that reading it is cheap. */
public enum InvoiceStatus {
  RECEIVED,
  WAITING_FOR_GOODS,
  /** A line or the purchase order does not match: accounts payable resolves the exception. */
  EXCEPTION,
  /** Accounts payable asked the vendor for a credit note: waiting for the corrected invoice. */
  AWAITING_CREDIT_NOTE,
  AWAITING_APPROVAL,
  /** No member of the level's group may approve; the escalation group decides. */
  AWAITING_ESCALATED_APPROVAL,
  SCHEDULED_FOR_PAYMENT,
  REJECTED
}
