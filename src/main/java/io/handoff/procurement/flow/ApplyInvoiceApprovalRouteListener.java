package io.handoff.procurement.flow;

import io.handoff.procurement.InvoiceSettlementService;
import io.handoff.procurement.InvoiceVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * End of the business rule task "Determine approvers": keeps the approval matrix's answer (result
 * variable {@code approvalRoute}) with the invoice, sets the route variables the forms show, and
 * drops the raw result.
 */
@Component("applyInvoiceApprovalRoute")
public class ApplyInvoiceApprovalRouteListener implements ExecutionListener {

  static final String RESULT = "approvalRoute";
  private static final Logger log =
      LoggerFactory.getLogger(ApplyInvoiceApprovalRouteListener.class);

  private final InvoiceSettlementService settlement;

  public ApplyInvoiceApprovalRouteListener(InvoiceSettlementService settlement) {
    this.settlement = settlement;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!(execution.getVariable(RESULT) instanceof Map<?, ?> result)) {
      throw new IllegalStateException(
          "Process instance "
              + execution.getProcessInstanceId()
              + ": the approval matrix gave no single result");
    }
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
    execution.removeVariable(RESULT);
    log.info(
        "Process instance {}: approval {}",
        execution.getProcessInstanceId(),
        route.automatic() ? "automatic" : "by " + route.approverGroups());
  }
}
