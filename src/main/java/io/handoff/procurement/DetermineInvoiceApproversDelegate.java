package io.handoff.procurement;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Service task "Determine approvers": the approval matrix on total, category and match result. */
@Component("determineInvoiceApprovers")
public class DetermineInvoiceApproversDelegate implements JavaDelegate {

  private static final Logger log =
      LoggerFactory.getLogger(DetermineInvoiceApproversDelegate.class);

  private final InvoiceSettlementService settlement;

  public DetermineInvoiceApproversDelegate(InvoiceSettlementService settlement) {
    this.settlement = settlement;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String decisionKey = InvoiceVariables.string(execution, InvoiceVariables.APPROVAL_DECISION_KEY);
    InvoiceSettlementService.ApprovalRoute route =
        settlement.routeApproval(
            InvoiceVariables.invoiceId(execution), execution.getProcessInstanceId(), decisionKey);
    InvoiceVariables.setApprovalRoute(execution, route.approverGroups(), route.reason());
    log.info(
        "Process instance {}: approval {}",
        execution.getProcessInstanceId(),
        route.automatic() ? "automatic" : "by " + route.approverGroups());
  }
}
