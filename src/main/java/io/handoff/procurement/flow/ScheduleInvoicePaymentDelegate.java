package io.handoff.procurement.flow;

import io.handoff.procurement.InvoiceMetrics;
import io.handoff.procurement.InvoiceSettlementService;
import io.handoff.procurement.InvoiceVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Post invoice and schedule payment" (runs as a job, retried on failure). */
@Component("scheduleInvoicePayment")
public class ScheduleInvoicePaymentDelegate implements JavaDelegate {

  private final InvoiceSettlementService settlement;
  private final InvoiceMetrics metrics;

  public ScheduleInvoicePaymentDelegate(
      InvoiceSettlementService settlement, InvoiceMetrics metrics) {
    this.settlement = settlement;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean scheduled =
        settlement.schedulePayment(
            InvoiceVariables.invoiceId(execution), execution.getProcessInstanceId());
    if (scheduled) {
      metrics.completed(InvoiceVariables.straightThrough(execution), InvoiceMetrics.SCHEDULED);
    }
  }
}
