package io.handoff.procurement;

import io.handoff.procurement.store.InvoiceRepository;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the invoice process's gateways and loops decide on, read from the system of record instead
 * of from process variables: {@code ${invoiceFacts.linesMatched(execution)}}, {@code
 * ${invoiceFacts.approverGroups(execution)}}, {@code ${invoiceFacts.approvalRequired(execution)}},
 * {@code ${invoiceFacts.rejected(execution)}}, and the approval matrix's inputs ({@code
 * invoiceTotal}, {@code category}, {@code linesMatched}).
 */
@Component("invoiceFacts")
public class InvoiceFacts {

  private final InvoiceRepository invoices;
  private final InvoiceApprovalControl control;
  private final InvoiceSettlementService settlement;

  public InvoiceFacts(
      InvoiceRepository invoices,
      InvoiceApprovalControl control,
      InvoiceSettlementService settlement) {
    this.invoices = invoices;
    this.control = control;
    this.settlement = settlement;
  }

  /**
   * The invoice's total, as stored, for the approval matrix, whose input is a {@code double}: as a
   * number the task's input variable is a plain double (a {@code BigDecimal} would be stored as a
   * serialized Java object, which Cockpit cannot show).
   */
  public double invoiceTotal(DelegateExecution execution) {
    return invoices.get(InvoiceVariables.invoiceId(execution)).total().doubleValue();
  }

  /** The purchase order's category: an input of the approval matrix. */
  public String category(DelegateExecution execution) {
    return (String)
        settlement
            .approvalInputs(InvoiceVariables.invoiceId(execution), false)
            .get(InvoiceVariables.CATEGORY);
  }

  /** Every line matched within tolerance at the last match. */
  public boolean linesMatched(DelegateExecution execution) {
    return invoices.allLinesMatched(InvoiceVariables.invoiceId(execution));
  }

  /** The groups that approve, in order, as the approval matrix decided. */
  public List<String> approverGroups(DelegateExecution execution) {
    return control.route(InvoiceVariables.invoiceId(execution));
  }

  public boolean approvalRequired(DelegateExecution execution) {
    return !approverGroups(execution).isEmpty();
  }

  /** Some approval level was rejected. */
  public boolean rejected(DelegateExecution execution) {
    return control.rejected(InvoiceVariables.invoiceId(execution));
  }
}
