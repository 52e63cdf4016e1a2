package io.handoff.procurement;

import static io.handoff.platform.engine.ProcessVariables.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.Spin;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Process variables of {@code invoice-three-way-match}: their names and typed access. The invoice
 * itself lives in our tables; variables carry its id and the few values gateways and forms need.
 *
 * <p>Only the invoice id is stored from the start. The facts that forms, message correlation and
 * Cockpit read ({@link #FACTS}) are collected while the instance runs on without a pause, and
 * stored by {@link #keep} when it is about to wait (for goods, for a person, for a corrected
 * invoice): a waiting instance carries the same variables, in runtime and history, as if they had
 * been stored from the start, while a straight-through invoice, which nothing reads as variables
 * after its transaction, stores none of them. A fact set after it was stored is updated as a stored
 * variable.
 */
public final class InvoiceVariables {

  public static final String PROCESS_KEY = "invoice-three-way-match";
  public static final String GOODS_RECEIVED_MESSAGE = "GoodsReceived";
  public static final String CORRECTED_INVOICE_MESSAGE = "CorrectedInvoiceReceived";
  public static final String PURCHASE_ORDER_PROBLEM_ERROR = "PURCHASE_ORDER_PROBLEM";

  public static final String INVOICE_ID = "invoiceId";
  public static final String VENDOR_ID = "vendorId";
  public static final String INVOICE_NUMBER = "invoiceNumber";
  public static final String PO_NUMBER = "poNumber";
  public static final String INVOICE_TOTAL = "invoiceTotal";
  public static final String CATEGORY = "category";
  public static final String REQUESTED_BY = "requestedBy";
  public static final String GOODS_RECEIVED_IN_FULL = "goodsReceivedInFull";
  public static final String LINES_MATCHED = "linesMatched";
  public static final String MATCH_PROBLEM = "matchProblem";
  public static final String LINE_SUMMARY = "lineSummary";
  public static final String EXCEPTION_OUTCOME = "exceptionOutcome";
  public static final String EXCEPTION_REASON = "exceptionReason";
  public static final String VARIANCE_ACCEPTED_BY = "varianceAcceptedBy";
  public static final String RESOLVED_BY_PERSON = "resolvedByPerson";
  public static final String APPROVER_GROUPS = "approverGroups";
  public static final String APPROVAL_REASON = "approvalReason";
  public static final String APPROVAL_REQUIRED = "approvalRequired";
  public static final String APPROVER_GROUP = "approverGroup";
  public static final String APPROVAL_DECISION = "approvalDecision";

  /** The reason for a rejection (required to reject; sent to the vendor). */
  public static final String APPROVAL_COMMENT = "approvalComment";

  /** An approver's optional comment on an approval (the form shows it when approving). */
  public static final String APPROVAL_NOTE = "approvalNote";

  public static final String INVOICE_REJECTED = "invoiceRejected";
  public static final String REJECTION_REASON = "rejectionReason";

  /** The step that routes an invoice to its approvers (the approval matrix). */
  public static final String DETERMINE_APPROVERS_STEP = "DetermineApproversTask";

  /**
   * Output of the table that names who takes over an approval level nobody in its group may decide
   * (the one "Approve invoice" names, {@code invoice-approval-escalation}); its input is {@link
   * #APPROVER_GROUP}.
   */
  public static final String DMN_ESCALATION_GROUP = "escalationGroup";

  public static final String ESCALATED_PRIORITY = "escalatedPriority";

  /** Inputs and outputs of the tolerance table {@code invoice-line-tolerance}. */
  public static final String DMN_ON_ORDER = "onOrder";

  public static final String DMN_QUANTITY_ABOVE_ORDERED = "quantityAboveOrdered";
  public static final String DMN_QUANTITY_ABOVE_RECEIVED = "quantityAboveReceived";
  public static final String DMN_QUANTITY_ABOVE_UNINVOICED = "quantityAboveUninvoiced";
  public static final String DMN_PRICE_VARIANCE_PERCENT = "priceVariancePercent";
  public static final String DMN_PRICE_VARIANCE_AMOUNT = "priceVarianceAmount";
  public static final String DMN_LINE_RESULT = "lineResult";
  public static final String DMN_LINE_REASON = "lineReason";

  /**
   * Inputs of the approval matrix {@code invoice-approval-matrix} besides {@link #CATEGORY} and
   * {@link #LINES_MATCHED}; its outputs are {@link #APPROVER_GROUPS} and {@link #APPROVAL_REASON}.
   */
  public static final String DMN_INVOICE_TOTAL = "invoiceTotal";

  /** Values of {@link #EXCEPTION_OUTCOME}. */
  public static final String OUTCOME_ACCEPT = "accept";

  public static final String OUTCOME_CREDIT_NOTE = "credit-note";
  public static final String OUTCOME_REJECT = "reject";

  /** Values of {@link #APPROVAL_DECISION}. */
  public static final String DECISION_APPROVE = "approve";

  public static final String DECISION_REJECT = "reject";

  /**
   * The facts an instance carries for its forms, message correlation and Cockpit: collected while
   * it runs on, stored by {@link #keep} before it waits.
   */
  public static final List<String> FACTS =
      List.of(
          VENDOR_ID,
          INVOICE_NUMBER,
          PO_NUMBER,
          INVOICE_TOTAL,
          CATEGORY,
          REQUESTED_BY,
          GOODS_RECEIVED_IN_FULL,
          LINES_MATCHED,
          MATCH_PROBLEM,
          LINE_SUMMARY,
          APPROVER_GROUPS,
          APPROVAL_REASON,
          APPROVAL_REQUIRED,
          INVOICE_REJECTED);

  private InvoiceVariables() {}

  /**
   * The variables an instance starts with: its invoice id. The other facts are collected for the
   * transaction that starts it (see {@link #keep}).
   */
  public static VariableMap start(
      String invoiceId, String vendorId, String invoiceNumber, String poNumber, String total) {
    VariableMap stored = Variables.createVariables().putValue(INVOICE_ID, invoiceId);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(VENDOR_ID, vendorId);
    facts.put(INVOICE_NUMBER, invoiceNumber);
    facts.put(PO_NUMBER, poNumber);
    facts.put(INVOICE_TOTAL, total);
    PendingFacts pending = PendingFacts.of(invoiceId);
    if (pending == null) {
      stored.putAll(facts);
      return stored;
    }
    pending.values.putAll(facts);
    return stored;
  }

  /**
   * Stores every fact collected in this transaction as a process variable, before the instance
   * waits for goods, a person or a corrected invoice; facts set after this in the same transaction
   * are stored at once.
   */
  public static void keep(VariableScope scope) {
    PendingFacts pending = PendingFacts.of(invoiceId(scope));
    if (pending == null) {
      return;
    }
    VariableScope instance = processInstanceOf(scope);
    pending.values.forEach(instance::setVariable);
    pending.values.clear();
    pending.stored = true;
  }

  /**
   * Sets a fact: stored at once when the instance stored it before (it waited), when {@link #keep}
   * ran in this transaction, or outside a transaction; otherwise collected until {@link #keep}.
   */
  static void putFact(VariableScope scope, String name, Object value) {
    PendingFacts pending = PendingFacts.of(invoiceId(scope));
    VariableScope instance = processInstanceOf(scope);
    if (pending == null || pending.stored || stored(instance, name)) {
      instance.setVariable(name, value);
    } else {
      pending.values.put(name, value);
    }
  }

  /**
   * The process instance of the execution or task a step runs in: facts are process variables,
   * never the local variables of a step's own scope (such as the approval matrix's inputs, which
   * share their names and end with the step).
   */
  private static VariableScope processInstanceOf(VariableScope scope) {
    if (scope instanceof DelegateExecution execution && execution.getProcessInstance() != null) {
      return execution.getProcessInstance();
    }
    if (scope instanceof DelegateTask task && task.getExecution() != null) {
      return task.getExecution().getProcessInstance();
    }
    return scope;
  }

  private static boolean stored(VariableScope scope, String name) {
    TypedValue existing = scope.getVariableTyped(name, false);
    return existing != null && !existing.isTransient();
  }

  /**
   * The facts of one invoice collected in the current transaction and not stored yet; gone with the
   * transaction, whether it commits or rolls back.
   */
  private static final class PendingFacts {
    private record Key(String invoiceId) {}

    final Map<String, Object> values = new LinkedHashMap<>();
    boolean stored;

    /** The invoice's facts in this transaction; null outside a transaction. */
    static PendingFacts of(String invoiceId) {
      if (invoiceId == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
        return null;
      }
      Key key = new Key(invoiceId);
      PendingFacts facts = (PendingFacts) TransactionSynchronizationManager.getResource(key);
      if (facts == null) {
        facts = new PendingFacts();
        TransactionSynchronizationManager.bindResource(key, facts);
        TransactionSynchronizationManager.registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
              }
            });
      }
      return facts;
    }
  }

  public static String businessKey(String vendorId, String invoiceNumber) {
    return vendorId + ":" + invoiceNumber;
  }

  public static String invoiceId(VariableScope scope) {
    return string(scope, INVOICE_ID);
  }

  public static void setPurchaseOrderFacts(
      VariableScope scope, String category, String requestedBy, boolean goodsReceivedInFull) {
    putFact(scope, CATEGORY, category);
    putFact(scope, REQUESTED_BY, requestedBy);
    if (goodsReceivedInFull && !stored(scope, GOODS_RECEIVED_IN_FULL)) {
      // Read by the next gateway only: goods in full lead on without a pause, so the value need
      // not outlive this transaction. (Not received in full, it is stored with the other facts.)
      scope.setVariable(GOODS_RECEIVED_IN_FULL, Variables.booleanValue(true, true));
    } else {
      putFact(scope, GOODS_RECEIVED_IN_FULL, goodsReceivedInFull);
    }
  }

  public static void setMatchResult(
      VariableScope scope, boolean matched, String problem, List<Map<String, Object>> lines) {
    putFact(scope, LINES_MATCHED, matched);
    putFact(scope, MATCH_PROBLEM, problem);
    putFact(scope, LINE_SUMMARY, Spin.JSON(lines));
  }

  public static void setApprovalRoute(VariableScope scope, String groups, String reason) {
    putFact(scope, APPROVER_GROUPS, groups);
    putFact(scope, APPROVAL_REASON, reason);
    putFact(scope, APPROVAL_REQUIRED, !groups.isBlank());
    putFact(scope, INVOICE_REJECTED, false);
  }

  /** True when no person has touched the invoice: no exception resolved, no approval needed. */
  public static boolean straightThrough(VariableScope scope) {
    return !flag(scope, RESOLVED_BY_PERSON) && !flag(scope, APPROVAL_REQUIRED);
  }

  /** Clears the last exception resolution, so a later exception task starts empty. */
  public static void clearExceptionResolution(VariableScope scope) {
    scope.removeVariable(EXCEPTION_OUTCOME);
    scope.removeVariable(EXCEPTION_REASON);
  }
}
