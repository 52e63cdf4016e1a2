package io.handoff.procurement.flow;

import io.handoff.platform.decision.DeclaredDecision;
import io.handoff.procurement.InvoiceMatchingService;
import io.handoff.procurement.InvoiceStatus;
import io.handoff.procurement.InvoiceVariables;
import io.handoff.procurement.store.InvoiceRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Service task "Match invoice lines": every line through the tolerance table the model names
 * (camunda:property {@code decision}).
 */
@Component("matchInvoiceLines")
public class MatchInvoiceLinesDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(MatchInvoiceLinesDelegate.class);

  private final InvoiceMatchingService matching;
  private final InvoiceRepository invoices;

  public MatchInvoiceLinesDelegate(InvoiceMatchingService matching, InvoiceRepository invoices) {
    this.matching = matching;
    this.invoices = invoices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String invoiceId = InvoiceVariables.invoiceId(execution);
    String decisionKey = DeclaredDecision.of(execution);
    InvoiceMatchingService.MatchResult result =
        matching.matchLines(invoiceId, execution.getProcessInstanceId(), decisionKey);
    InvoiceVariables.setMatchResult(
        execution, result.matched(), result.problem(), result.lineSummary());
    if (!result.matched()) {
      InvoiceVariables.keep(execution); // accounts payable resolves it
    }
    invoices.updateStatus(
        invoiceId, result.matched() ? InvoiceStatus.RECEIVED : InvoiceStatus.EXCEPTION);
    log.info(
        "Process instance {}: invoice lines {}",
        execution.getProcessInstanceId(),
        result.matched() ? "matched" : "do not match: " + result.problem());
  }
}
