package io.handoff.procurement.flow;

import io.handoff.platform.engine.ProcessVariables;
import io.handoff.procurement.InvoiceSettlementService;
import io.handoff.procurement.InvoiceVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Request credit note": asks the vendor for a credit note and corrected invoice. */
@Component("requestCreditNote")
public class RequestCreditNoteDelegate implements JavaDelegate {

  private final InvoiceSettlementService settlement;

  public RequestCreditNoteDelegate(InvoiceSettlementService settlement) {
    this.settlement = settlement;
  }

  @Override
  public void execute(DelegateExecution execution) {
    settlement.requestCreditNote(
        InvoiceVariables.invoiceId(execution),
        ProcessVariables.string(execution, InvoiceVariables.EXCEPTION_REASON));
    // Should the corrected invoice not match either, the exception task starts empty.
    InvoiceVariables.clearExceptionResolution(execution);
  }
}
