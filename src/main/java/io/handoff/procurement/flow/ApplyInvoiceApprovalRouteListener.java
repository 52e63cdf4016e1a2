package io.handoff.procurement.flow;

import io.handoff.procurement.InvoiceSettlementService;
import io.handoff.procurement.InvoiceVariables;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * End of the business rule task "Determine approvers": keeps the approval matrix's answer with the
 * invoice and sets the route variables the forms show. The answer is the one the engine hands to
 * the task's listeners, {@code decisionResult}: a transient variable local to the task, written by
 * the task itself, never stored (so nothing written beforehand can stand in for it, and no
 * serialized copy of it is written to the database).
 */
@Component("applyInvoiceApprovalRoute")
public class ApplyInvoiceApprovalRouteListener implements ExecutionListener {

  /** Where the engine hands the decision's result to the task's listeners (transient, local). */
  static final String RESULT = "decisionResult";

  private static final Logger log =
      LoggerFactory.getLogger(ApplyInvoiceApprovalRouteListener.class);

  private final InvoiceSettlementService settlement;

  public ApplyInvoiceApprovalRouteListener(InvoiceSettlementService settlement) {
    this.settlement = settlement;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!(execution.getVariableLocal(RESULT) instanceof DmnDecisionResult decision)
        || decision.size() != 1) {
      throw new IllegalStateException(
          "Process instance "
              + execution.getProcessInstanceId()
              + ": the approval matrix gave no single result");
    }
    Map<String, Object> result = decision.getSingleResult().getEntryMap();
    Object groups = result.get(InvoiceVariables.APPROVER_GROUPS);
    Object reason = result.get(InvoiceVariables.APPROVAL_REASON);
    InvoiceSettlementService.ApprovalRoute route =
        settlement.applyRoute(
            InvoiceVariables.invoiceId(execution),
            groups == null ? "" : groups.toString(),
            reason == null ? null : reason.toString());
    InvoiceVariables.setApprovalRoute(execution, route.approverGroups(), route.reason());
    if (!route.automatic()) {
      InvoiceVariables.keep(execution); // the approvers' form shows the facts
    }
    log.info(
        "Process instance {}: approval {}",
        execution.getProcessInstanceId(),
        route.automatic() ? "automatic" : "by " + route.approverGroups());
  }
}
