package io.handoff.procurement.flow;

import io.handoff.platform.engine.ProcessVariables;
import io.handoff.procurement.InvoiceMetrics;
import io.handoff.procurement.InvoiceSettlementService;
import io.handoff.procurement.InvoiceVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Notify vendor of rejection". */
@Component("notifyVendorOfRejection")
public class NotifyVendorOfRejectionDelegate implements JavaDelegate {

  private final InvoiceSettlementService settlement;
  private final InvoiceMetrics metrics;

  public NotifyVendorOfRejectionDelegate(
      InvoiceSettlementService settlement, InvoiceMetrics metrics) {
    this.settlement = settlement;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    settlement.reject(
        InvoiceVariables.invoiceId(execution),
        execution.getProcessInstanceId(),
        ProcessVariables.string(execution, InvoiceVariables.REJECTION_REASON));
    metrics.completed(false, InvoiceMetrics.REJECTED);
  }
}
