package io.handoff.procurement;

/** Where an invoice stands; stored with the invoice so that reading it is cheap. */
public enum InvoiceStatus {
  RECEIVED,
  WAITING_FOR_GOODS,
  EXCEPTION,
  AWAITING_APPROVAL,
  SCHEDULED_FOR_PAYMENT,
  REJECTED
}
