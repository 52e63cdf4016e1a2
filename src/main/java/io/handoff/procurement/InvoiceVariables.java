package io.handoff.procurement;

import static io.handoff.platform.engine.ProcessVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.Spin;

/**
 * Process variables of {@code invoice-three-way-match}: their names and typed access. The invoice
 * itself lives in our tables; variables carry its id and the few values gateways and forms need.
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

  private InvoiceVariables() {}

  /** The variables an instance starts with. */
  public static VariableMap start(
      String invoiceId, String vendorId, String invoiceNumber, String poNumber, String total) {
    return Variables.createVariables()
        .putValue(INVOICE_ID, invoiceId)
        .putValue(VENDOR_ID, vendorId)
        .putValue(INVOICE_NUMBER, invoiceNumber)
        .putValue(PO_NUMBER, poNumber)
        .putValue(INVOICE_TOTAL, total);
  }

  public static String businessKey(String vendorId, String invoiceNumber) {
    return vendorId + ":" + invoiceNumber;
  }

  public static String invoiceId(VariableScope scope) {
    return string(scope, INVOICE_ID);
  }

  public static void setPurchaseOrderFacts(
      VariableScope scope, String category, String requestedBy, boolean goodsReceivedInFull) {
    scope.setVariable(CATEGORY, category);
    scope.setVariable(REQUESTED_BY, requestedBy);
    scope.setVariable(GOODS_RECEIVED_IN_FULL, goodsReceivedInFull);
  }

  public static void setMatchResult(
      VariableScope scope, boolean matched, String problem, List<Map<String, Object>> lines) {
    scope.setVariable(LINES_MATCHED, matched);
    scope.setVariable(MATCH_PROBLEM, problem);
    scope.setVariable(LINE_SUMMARY, Spin.JSON(lines));
  }

  public static void setApprovalRoute(VariableScope scope, String groups, String reason) {
    scope.setVariable(APPROVER_GROUPS, groups);
    scope.setVariable(APPROVAL_REASON, reason);
    scope.setVariable(APPROVAL_REQUIRED, !groups.isBlank());
    scope.setVariable(INVOICE_REJECTED, false);
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
