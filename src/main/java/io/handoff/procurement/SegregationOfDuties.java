package io.handoff.procurement;

import java.util.Optional;

/**
 * Who may not approve an invoice: the user who requested the purchase and the user who accepted a
 * variance on this invoice.
 */
public final class SegregationOfDuties {

  private SegregationOfDuties() {}

  /** Why the user may not approve, or empty if they may. */
  public static Optional<String> refusal(
      String userId, String poNumber, String requestedBy, String varianceAcceptedBy) {
    if (userId == null) {
      return Optional.empty();
    }
    if (userId.equals(requestedBy)) {
      return Optional.of(
          "Segregation of duties: "
              + userId
              + " requested purchase order "
              + poNumber
              + " and may not approve its invoice. Another member of the group must approve.");
    }
    if (userId.equals(varianceAcceptedBy)) {
      return Optional.of(
          "Segregation of duties: "
              + userId
              + " accepted the variance on this invoice and may not also approve it. Another"
              + " member of the group must approve.");
    }
    return Optional.empty();
  }
}
