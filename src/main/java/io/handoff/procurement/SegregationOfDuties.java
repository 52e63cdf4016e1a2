package io.handoff.procurement;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may not approve a level of an invoice: the user who requested the purchase (by user id or
 * e-mail), whoever accepted a variance on the invoice, whoever already decided another level of it,
 * and anyone outside the level's approving group. Plain logic over facts read from the system of
 * record ({@link InvoiceApprovalControl}).
 */
public final class SegregationOfDuties {

  private SegregationOfDuties() {}

  /**
   * The person who wants to approve.
   *
   * @param userId their login
   * @param identities the forms they may be named under, lower case (user id, e-mail): {@link
   *     io.handoff.platform.governance.People#identitiesOf}
   * @param groups the groups they are a member of
   */
  public record Approver(String userId, Set<String> identities, Set<String> groups) {}

  /**
   * What the system of record says about the invoice.
   *
   * @param poNumber purchase order
   * @param requestedBy requester of the purchase order (user id or e-mail)
   * @param varianceAcceptedBy users who accepted a variance on this invoice
   * @param level the approval level open now (1 = first)
   * @param approverGroup the group that approves this level
   * @param earlierLevels the level each user decided so far, by user id
   * @param escalationGroup the group the level was escalated to because no member of its own group
   *     could approve, null when not escalated
   */
  public record Facts(
      String poNumber,
      String requestedBy,
      Set<String> varianceAcceptedBy,
      int level,
      String approverGroup,
      java.util.Map<String, Integer> earlierLevels,
      String escalationGroup) {

    /** The groups whose members may decide the level. */
    public Set<String> deciding() {
      return escalationGroup == null
          ? Set.of(approverGroup)
          : Set.of(approverGroup, escalationGroup);
    }
  }

  /** Why the user may not approve this level, or empty if they may. */
  public static Optional<String> refusal(Approver approver, Facts facts) {
    String user = approver.userId();
    if (sameIdentity(approver, facts.requestedBy())) {
      return Optional.of(
          "Segregation of duties: "
              + user
              + " requested purchase order "
              + facts.poNumber()
              + " and may not approve its invoice. Another member of "
              + facts.approverGroup()
              + " must approve.");
    }
    if (facts.varianceAcceptedBy().contains(user)) {
      return Optional.of(
          "Segregation of duties: "
              + user
              + " accepted the variance on this invoice and may not also approve it. Another"
              + " member of "
              + facts.approverGroup()
              + " must approve.");
    }
    Integer earlier = facts.earlierLevels().get(user);
    if (earlier != null) {
      return Optional.of(
          "Segregation of duties: "
              + user
              + " already decided approval level "
              + earlier
              + " of this invoice and may not decide level "
              + facts.level()
              + " too. Another member of "
              + facts.approverGroup()
              + " must approve.");
    }
    if (facts.deciding().stream().noneMatch(approver.groups()::contains)) {
      return Optional.of(
          "Approval level "
              + facts.level()
              + " of this invoice is for "
              + String.join(" or ", new java.util.TreeSet<>(facts.deciding()))
              + "; "
              + user
              + " is not a member.");
    }
    return Optional.empty();
  }

  private static boolean sameIdentity(Approver approver, String requestedBy) {
    return requestedBy != null
        && approver.identities().contains(requestedBy.strip().toLowerCase(Locale.ROOT));
  }
}
