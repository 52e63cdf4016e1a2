package io.handoff.procurement;

import io.handoff.platform.governance.People;
import io.handoff.procurement.store.InvoiceApprovals;
import io.handoff.procurement.store.InvoiceDecisionLog;
import io.handoff.procurement.store.InvoiceRepository;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Segregation of duties and payment readiness of an invoice, from the system of record: the
 * purchase order's requester from the purchasing store, the variance acceptance from the decision
 * log, the approval route and the decided levels from the invoice's own tables, the approver's
 * e-mail and groups from the platform's users. No process variable takes part.
 */
@Service
public class InvoiceApprovalControl {

  private final InvoiceRepository invoices;
  private final InvoiceApprovals approvals;
  private final InvoiceDecisionLog decisionLog;
  private final PurchasingConnector purchasing;
  private final People people;

  public InvoiceApprovalControl(
      InvoiceRepository invoices,
      InvoiceApprovals approvals,
      InvoiceDecisionLog decisionLog,
      PurchasingConnector purchasing,
      People people) {
    this.invoices = invoices;
    this.approvals = approvals;
    this.decisionLog = decisionLog;
    this.purchasing = purchasing;
    this.people = people;
  }

  /** The approval route: groups in order; empty when automatic or not decided yet. */
  public List<String> route(String invoiceId) {
    return invoices.approverGroups(invoiceId).map(InvoiceApprovalControl::split).orElse(List.of());
  }

  static List<String> split(String groups) {
    return Arrays.stream(groups.split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
  }

  /** The facts of the level open now. */
  public SegregationOfDuties.Facts facts(String invoiceId) {
    Invoice invoice = invoices.get(invoiceId);
    List<String> route = route(invoiceId);
    List<InvoiceApprovals.Decided> decided = approvals.of(invoiceId);
    int level = decided.size() + 1;
    String group = level <= route.size() ? route.get(level - 1) : null;
    String requestedBy =
        purchasing
            .findPurchaseOrder(invoice.poNumber())
            .map(PurchaseOrder::requestedBy)
            .orElse(null);
    return new SegregationOfDuties.Facts(
        invoice.poNumber(),
        requestedBy,
        varianceAcceptedBy(invoiceId),
        level,
        group,
        approvals.levelsByUser(invoiceId),
        approvals.escalationGroup(invoiceId, level).orElse(null));
  }

  /** Members of the open level's group who may decide it. */
  public Set<String> eligibleMembers(String invoiceId) {
    SegregationOfDuties.Facts facts = facts(invoiceId);
    if (facts.approverGroup() == null) {
      return Set.of();
    }
    return people.members(facts.approverGroup()).stream()
        .filter(user -> refusal(invoiceId, user).isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Why the user may not decide the open approval level, or empty if they may. */
  public Optional<String> refusal(String invoiceId, String userId) {
    SegregationOfDuties.Facts facts = facts(invoiceId);
    if (facts.approverGroup() == null) {
      return Optional.of("This invoice has no approval level open.");
    }
    People.Person person = people.person(userId);
    return SegregationOfDuties.refusal(
        new SegregationOfDuties.Approver(userId, people.identitiesOf(userId), person.groups()),
        facts);
  }

  /** Users who accepted a variance on the invoice, from the decision log. */
  public Set<String> varianceAcceptedBy(String invoiceId) {
    return Set.copyOf(
        decisionLog.peopleWho(
            invoiceId,
            InvoiceDecisionLog.Kind.EXCEPTION_RESOLUTION,
            InvoiceVariables.OUTCOME_ACCEPT));
  }

  /** Whether any level of the invoice was rejected. */
  public boolean rejected(String invoiceId) {
    return approvals.of(invoiceId).stream().anyMatch(d -> !d.approved());
  }

  /**
   * Why the invoice may not be paid, or empty if it may: its lines matched or a person accepted the
   * variance, the approval matrix decided, and every level it asked for was approved by a different
   * person.
   */
  public Optional<String> notPayable(String invoiceId) {
    if (!invoices.allLinesMatched(invoiceId) && varianceAcceptedBy(invoiceId).isEmpty()) {
      return Optional.of("its lines do not match and no variance was accepted");
    }
    Optional<String> groups = invoices.approverGroups(invoiceId);
    if (groups.isEmpty()) {
      return Optional.of("the approval matrix has not decided its approvals");
    }
    List<String> route = split(groups.get());
    List<InvoiceApprovals.Decided> decided = approvals.of(invoiceId);
    for (int level = 1; level <= route.size(); level++) {
      int l = level;
      Optional<InvoiceApprovals.Decided> d =
          decided.stream().filter(x -> x.level() == l).findFirst();
      if (d.isEmpty() || !d.get().approved() || !d.get().approverGroup().equals(route.get(l - 1))) {
        return Optional.of(
            "approval level " + level + " (" + route.get(level - 1) + ") is missing");
      }
    }
    return Optional.empty();
  }
}
