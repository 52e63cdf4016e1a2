package io.handoff.vendor;

import java.util.Arrays;
import java.util.List;

/** Where a vendor application stands, and while it is open, what it waits for. */
public enum ApplicationStatus {
  /** Registered; being checked for duplicates and screened against the sanctions list. */
  SCREENING,
  /** The name may match an entry of the sanctions list: compliance reviews the match. */
  AWAITING_SANCTIONS_REVIEW,
  /** The agent step was not sure about the supplier contract: legal reviews it. */
  AWAITING_CONTRACT_REVIEW,
  /** Risk tier decided and contract accepted (or under the agent's review): approvals under way. */
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
    return this == SCREENING
        || this == AWAITING_SANCTIONS_REVIEW
        || this == AWAITING_CONTRACT_REVIEW
        || this == AWAITING_APPROVAL;
  }

  /** The statuses of an open application. */
  public static List<ApplicationStatus> open() {
    return Arrays.stream(values()).filter(ApplicationStatus::isOpen).toList();
  }
}
