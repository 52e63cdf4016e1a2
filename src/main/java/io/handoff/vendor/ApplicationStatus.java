package io.handoff.vendor;

/** Where a vendor application stands. */
public enum ApplicationStatus {
  /** Registered; being checked for duplicates and screened against the sanctions list. */
  SCREENING,
  /** Risk tier decided; contract review and approvals under way. */
  AWAITING_APPROVAL,
  /** Approved and created in the vendor master. */
  APPROVED,
  /** Rejected by an approver or by legal. */
  REJECTED,
  /** Stopped: the vendor or another open application has the same VAT number or IBAN. */
  DUPLICATE,
  /** Stopped: the vendor's name matches an entry of the sanctions list. */
  BLOCKED_SANCTIONS;

  public boolean isOpen() {
    return this == SCREENING || this == AWAITING_APPROVAL;
  }
}
