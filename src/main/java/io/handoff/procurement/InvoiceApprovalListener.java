package io.handoff.procurement;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Guards "Approve invoice". On claim/assignment and on completion, the purchase order's requester
 * and whoever accepted a variance on the invoice are refused: the listener throws, so the engine
 * rolls the claim or completion back and the Tasklist shows the reason. The refusal is logged and
 * recorded in the audit trail. On completion the approval decision is recorded.
 */
@Component("invoiceApprovalListener")
public class InvoiceApprovalListener implements TaskListener {

  private static final Logger log = LoggerFactory.getLogger(InvoiceApprovalListener.class);

  private final InvoiceDecisionLog decisionLog;

  public InvoiceApprovalListener(InvoiceDecisionLog decisionLog) {
    this.decisionLog = decisionLog;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      // Claimed or assigned: the new assignee must be allowed to approve.
      if (task.getAssignee() != null) {
        refuseIfConflicted(task, task.getAssignee());
      }
      return;
    }
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      // Completed: neither the caller nor the assignee may be in conflict.
      for (String user : TaskActors.of(task)) {
        refuseIfConflicted(task, user);
      }
      recordDecision(task);
    }
  }

  private void refuseIfConflicted(DelegateTask task, String user) {
    Optional<String> refusal =
        SegregationOfDuties.refusal(
            user,
            InvoiceVariables.string(task, InvoiceVariables.PO_NUMBER),
            InvoiceVariables.string(task, InvoiceVariables.REQUESTED_BY),
            InvoiceVariables.string(task, InvoiceVariables.VARIANCE_ACCEPTED_BY));
    if (refusal.isEmpty()) {
      return;
    }
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
    inputs.put(
        InvoiceVariables.REQUESTED_BY,
        InvoiceVariables.string(task, InvoiceVariables.REQUESTED_BY));
    inputs.put(
        InvoiceVariables.VARIANCE_ACCEPTED_BY,
        InvoiceVariables.string(task, InvoiceVariables.VARIANCE_ACCEPTED_BY));
    decisionLog.recordIndependently(
        InvoiceVariables.invoiceId(task),
        task.getProcessInstanceId(),
        InvoiceDecisionLog.Kind.REFUSED,
        InvoiceDecisionLog.person(user),
        inputs,
        "refused " + task.getEventName(),
        refusal.get());
    throw new SegregationOfDutiesException(refusal.get());
  }

  private void recordDecision(DelegateTask task) {
    String decision = InvoiceVariables.string(task, InvoiceVariables.APPROVAL_DECISION);
    String comment = InvoiceVariables.string(task, InvoiceVariables.APPROVAL_COMMENT);
    boolean approve = InvoiceVariables.DECISION_APPROVE.equals(decision);
    if (!approve && !InvoiceVariables.DECISION_REJECT.equals(decision)) {
      throw new IllegalArgumentException("Choose a decision: approve or reject the invoice.");
    }
    if (!approve && (comment == null || comment.isBlank())) {
      throw new IllegalArgumentException("A comment is required to reject an invoice.");
    }
    String approver = TaskActors.decider(task);
    String group = InvoiceVariables.string(task, InvoiceVariables.APPROVER_GROUP);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put(InvoiceVariables.APPROVER_GROUP, group);
    inputs.put(
        InvoiceVariables.INVOICE_TOTAL,
        InvoiceVariables.string(task, InvoiceVariables.INVOICE_TOTAL));
    decisionLog.record(
        InvoiceVariables.invoiceId(task),
        task.getProcessInstanceId(),
        InvoiceDecisionLog.Kind.APPROVAL,
        InvoiceDecisionLog.person(approver),
        inputs,
        approve ? "approved" : "rejected",
        comment);
    task.setVariable(InvoiceVariables.INVOICE_REJECTED, !approve);
    if (!approve) {
      task.setVariable(InvoiceVariables.REJECTION_REASON, comment);
    }
    // The next approver starts with an empty decision.
    task.removeVariable(InvoiceVariables.APPROVAL_DECISION);
    task.removeVariable(InvoiceVariables.APPROVAL_COMMENT);
    log.info(
        "Process instance {}: {} {} the invoice for {}",
        task.getProcessInstanceId(),
        approver,
        approve ? "approved" : "rejected",
        group);
  }
}
