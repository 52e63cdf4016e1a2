package io.handoff.procurement.flow;

import io.handoff.procurement.InvoiceMatchingService;
import io.handoff.procurement.InvoiceStatus;
import io.handoff.procurement.InvoiceVariables;
import io.handoff.procurement.PurchaseOrder;
import io.handoff.procurement.store.InvoiceRepository;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Service task "Load purchase order and receipts". */
@Component("loadPurchaseOrder")
public class LoadPurchaseOrderDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(LoadPurchaseOrderDelegate.class);

  private final InvoiceMatchingService matching;
  private final InvoiceRepository invoices;

  public LoadPurchaseOrderDelegate(InvoiceMatchingService matching, InvoiceRepository invoices) {
    this.matching = matching;
    this.invoices = invoices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String invoiceId = InvoiceVariables.invoiceId(execution);
    InvoiceMatchingService.PurchaseOrderCheck check = matching.checkPurchaseOrder(invoiceId);
    if (check.problem() != null) {
      InvoiceVariables.setMatchResult(execution, false, check.problem(), check.lineSummary());
      InvoiceVariables.keep(execution); // accounts payable resolves it
      invoices.updateStatus(invoiceId, InvoiceStatus.EXCEPTION);
      log.info("Process instance {}: {}", execution.getProcessInstanceId(), check.problem());
      throw new BpmnError(InvoiceVariables.PURCHASE_ORDER_PROBLEM_ERROR, check.problem());
    }
    PurchaseOrder order = check.order();
    InvoiceVariables.setPurchaseOrderFacts(
        execution, order.category(), order.requestedBy(), !check.waitsForGoods());
    invoices.updateStatus(
        invoiceId,
        check.waitsForGoods() ? InvoiceStatus.WAITING_FOR_GOODS : InvoiceStatus.RECEIVED);
    if (check.waitsForGoods()) {
      InvoiceVariables.keep(execution); // the goods receipt is correlated by poNumber
      log.info(
          "Process instance {}: more invoiced than received on {}, waiting for goods",
          execution.getProcessInstanceId(),
          order.poNumber());
    }
  }
}
