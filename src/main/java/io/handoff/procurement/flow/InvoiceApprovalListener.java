package io.handoff.procurement.flow;

import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DeclaredDecision;
import io.handoff.platform.decision.Rules;
import io.handoff.platform.engine.ProcessVariables;
import io.handoff.platform.governance.ControlRefusedException;
import io.handoff.platform.governance.InvalidTaskInputException;
import io.handoff.platform.governance.People;
import io.handoff.procurement.InvoiceApprovalControl;
import io.handoff.procurement.InvoiceStatus;
import io.handoff.procurement.InvoiceVariables;
import io.handoff.procurement.SegregationOfDuties;
import io.handoff.procurement.store.InvoiceApprovals;
import io.handoff.procurement.store.InvoiceDecisionLog;
import io.handoff.procurement.store.InvoiceRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Guards "Approve invoice". On claim/assignment and on completion, {@link InvoiceApprovalControl}
 * refuses the purchase order's requester, whoever accepted a variance, whoever decided another
 * level of the invoice and anyone outside the level's group, all read from the system of record. A
 * refusal rolls the claim or completion back, answers 403 with the reason on every engine surface,
 * and is written to the audit trail in its own transaction. On completion the decision is recorded
 * in {@code invoice_approval}, whose keys also refuse a second level by the same person when two
 * arrive at once.
 */
@Component("invoiceApprovalListener")
public class InvoiceApprovalListener implements TaskListener {

  static final String CONTROL = "segregation-of-duties";

  private static final Logger log = LoggerFactory.getLogger(InvoiceApprovalListener.class);

  private final InvoiceDecisionLog decisionLog;
  private final InvoiceApprovalControl control;
  private final InvoiceApprovals approvals;
  private final People people;
  private final InvoiceRepository invoices;
  private final Rules rules;

  public InvoiceApprovalListener(
      InvoiceDecisionLog decisionLog,
      InvoiceApprovalControl control,
      InvoiceApprovals approvals,
      People people,
      InvoiceRepository invoices,
      Rules rules) {
    this.decisionLog = decisionLog;
    this.control = control;
    this.approvals = approvals;
    this.people = people;
    this.invoices = invoices;
    this.rules = rules;
  }

  @Override
  public void notify(DelegateTask task) {
    String invoiceId = InvoiceVariables.invoiceId(task);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      escalateIfNobodyMayApprove(task, invoiceId);
      return;
    }
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      // Claimed or assigned: the new assignee must be allowed to approve.
      if (task.getAssignee() != null) {
        refuseIfConflicted(task, invoiceId, task.getAssignee());
      }
      return;
    }
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      Set<String> actors = people.actorsOn(task);
      if (actors.isEmpty()) {
        throw new ControlRefusedException(
            CONTROL, "An invoice approval is decided by a person: claim the task first.");
      }
      // Neither the caller nor the assignee may be in conflict.
      for (String user : actors) {
        refuseIfConflicted(task, invoiceId, user);
      }
      recordDecision(task, invoiceId, actors.iterator().next());
    }
  }

  /**
   * Segregation of duties never strands work: when no member of the level's group may approve, the
   * level goes at once to the group the escalation table names, and the invoice's status says so.
   */
  private void escalateIfNobodyMayApprove(DelegateTask task, String invoiceId) {
    SegregationOfDuties.Facts facts = control.facts(invoiceId);
    if (!control.eligibleMembers(invoiceId).isEmpty()) {
      invoices.updateStatus(invoiceId, InvoiceStatus.AWAITING_APPROVAL);
      return;
    }
    String decisionKey = DeclaredDecision.of(task);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put(InvoiceVariables.APPROVER_GROUP, facts.approverGroup());
    String escalation =
        Rules.single(rules.evaluate(task, decisionKey, inputs), decisionKey, inputs)
            .getEntry(InvoiceVariables.DMN_ESCALATION_GROUP);
    approvals.escalate(invoiceId, facts.level(), facts.approverGroup(), escalation);
    task.addCandidateGroup(escalation);
    invoices.updateStatus(invoiceId, InvoiceStatus.AWAITING_ESCALATED_APPROVAL);
    inputs.put("level", facts.level());
    decisionLog.record(
        invoiceId,
        DecisionContext.of(task),
        InvoiceDecisionLog.Kind.APPROVAL_ESCALATION,
        DecidedBy.PLATFORM,
        inputs,
        escalation,
        "No member of "
            + facts.approverGroup()
            + " may approve level "
            + facts.level()
            + " (segregation of duties); "
            + escalation
            + " decides it.");
    log.info(
        "Process instance {}: no member of {} may approve level {}; escalated to {}",
        task.getProcessInstanceId(),
        facts.approverGroup(),
        facts.level(),
        escalation);
  }

  private void refuseIfConflicted(DelegateTask task, String invoiceId, String user) {
    Optional<String> refusal = control.refusal(invoiceId, user);
    if (refusal.isEmpty()) {
      return;
    }
    SegregationOfDuties.Facts facts = control.facts(invoiceId);
    log.warn(
        "Process instance {}: {} of approval task {} refused for {}: {}",
        task.getProcessInstanceId(),
        task.getEventName(),
        task.getId(),
        user,
        refusal.get());
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("event", task.getEventName());
    inputs.put("taskId", task.getId());
    inputs.put("level", facts.level());
    inputs.put(InvoiceVariables.APPROVER_GROUP, facts.approverGroup());
    inputs.put(InvoiceVariables.REQUESTED_BY, facts.requestedBy());
    inputs.put(InvoiceVariables.VARIANCE_ACCEPTED_BY, facts.varianceAcceptedBy());
    inputs.put("earlierLevels", facts.earlierLevels());
    decisionLog.recordIndependently(
        invoiceId,
        DecisionContext.of(task),
        InvoiceDecisionLog.Kind.REFUSED,
        DecidedBy.person(user),
        inputs,
        "refused " + task.getEventName(),
        refusal.get());
    throw new ControlRefusedException(CONTROL, refusal.get());
  }

  private void recordDecision(DelegateTask task, String invoiceId, String approver) {
    String decision = ProcessVariables.string(task, InvoiceVariables.APPROVAL_DECISION);
    String comment = ProcessVariables.string(task, InvoiceVariables.APPROVAL_COMMENT);
    boolean approve = InvoiceVariables.DECISION_APPROVE.equals(decision);
    // A refusal of the input, not a failure: 400 naming the field on every engine surface, and
    // the completion rolls back (the task stays open, nothing is recorded).
    if (!approve && !InvoiceVariables.DECISION_REJECT.equals(decision)) {
      throw new InvalidTaskInputException(
          "The invoice cannot be decided:",
          Map.of(InvoiceVariables.APPROVAL_DECISION, "must be approve or reject"));
    }
    if (!approve && (comment == null || comment.isBlank())) {
      throw new InvalidTaskInputException(
          "The invoice cannot be rejected:",
          Map.of(
              InvoiceVariables.APPROVAL_COMMENT,
              "is required to reject an invoice (the reason is sent to the vendor)"));
    }
    if (approve && (comment == null || comment.isBlank())) {
      comment = ProcessVariables.string(task, InvoiceVariables.APPROVAL_NOTE);
    }
    SegregationOfDuties.Facts facts = control.facts(invoiceId);
    approvals.record(invoiceId, facts.level(), facts.approverGroup(), approver, decision, comment);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("level", facts.level());
    inputs.put(InvoiceVariables.APPROVER_GROUP, facts.approverGroup());
    inputs.put(
        InvoiceVariables.INVOICE_TOTAL,
        ProcessVariables.string(task, InvoiceVariables.INVOICE_TOTAL));
    decisionLog.record(
        invoiceId,
        DecisionContext.of(task),
        InvoiceDecisionLog.Kind.APPROVAL,
        DecidedBy.person(approver),
        inputs,
        approve ? "approved" : "rejected",
        comment);
    // Mirrors for forms and Cockpit; the process reads the decision from invoice_approval.
    task.setVariable(InvoiceVariables.INVOICE_REJECTED, !approve);
    if (!approve) {
      task.setVariable(InvoiceVariables.REJECTION_REASON, comment);
    }
    // The next approver starts with an empty decision.
    task.removeVariable(InvoiceVariables.APPROVAL_DECISION);
    task.removeVariable(InvoiceVariables.APPROVAL_COMMENT);
    task.removeVariable(InvoiceVariables.APPROVAL_NOTE);
    log.info(
        "Process instance {}: {} {} the invoice at level {} for {}",
        task.getProcessInstanceId(),
        approver,
        approve ? "approved" : "rejected",
        facts.level(),
        facts.approverGroup());
  }
}
