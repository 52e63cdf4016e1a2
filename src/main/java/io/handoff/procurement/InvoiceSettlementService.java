package io.handoff.procurement;

import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.Rules;
import io.handoff.platform.notification.EventType;
import io.handoff.platform.notification.IntegrationEvents;
import io.handoff.procurement.store.InvoiceDecisionLog;
import io.handoff.procurement.store.InvoiceRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Approval routing, payment scheduling and rejection of an invoice. */
@Service
public class InvoiceSettlementService {

  private static final Logger log = LoggerFactory.getLogger(InvoiceSettlementService.class);

  private final InvoiceRepository invoices;
  private final Rules rules;
  private final VendorNotifier vendorNotifier;
  private final PurchasingConnector purchasing;
  private final InvoiceApprovalControl approvalControl;
  private final InvoiceDecisionLog decisionLog;
  private final IntegrationEvents events;

  public InvoiceSettlementService(
      InvoiceRepository invoices,
      Rules rules,
      VendorNotifier vendorNotifier,
      PurchasingConnector purchasing,
      InvoiceApprovalControl approvalControl,
      InvoiceDecisionLog decisionLog,
      IntegrationEvents events) {
    this.invoices = invoices;
    this.rules = rules;
    this.vendorNotifier = vendorNotifier;
    this.purchasing = purchasing;
    this.approvalControl = approvalControl;
    this.decisionLog = decisionLog;
    this.events = events;
  }

  /**
   * @param approverGroups groups that approve, in order, comma-separated; empty for automatic
   * @param reason why, from the approval matrix
   */
  public record ApprovalRoute(String approverGroups, String reason) {
    public boolean automatic() {
      return approverGroups.isBlank();
    }
  }

  /**
   * Keeps the approval matrix's answer with the invoice: its approver groups (the route every later
   * check reads) and its status.
   */
  public ApprovalRoute applyRoute(String invoiceId, String approverGroups, String reason) {
    ApprovalRoute route =
        new ApprovalRoute(approverGroups == null ? "" : approverGroups.trim(), reason);
    invoices.setApprovalRoute(
        invoiceId,
        route.approverGroups(),
        route.automatic() ? InvoiceStatus.RECEIVED : InvoiceStatus.AWAITING_APPROVAL);
    return route;
  }

  /**
   * The approval matrix's inputs from the system of record: the invoice total, the purchase order's
   * category, and whether the lines matched.
   */
  public Map<String, Object> approvalInputs(String invoiceId, boolean linesMatched) {
    Invoice invoice = invoices.get(invoiceId);
    String category =
        purchasing
            .findPurchaseOrder(invoice.poNumber())
            .map(PurchaseOrder::category)
            .orElseThrow(
                () -> new IllegalStateException("Purchase order " + invoice.poNumber() + " gone"));
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put(InvoiceVariables.DMN_INVOICE_TOTAL, invoice.total());
    inputs.put(InvoiceVariables.CATEGORY, category);
    inputs.put(InvoiceVariables.LINES_MATCHED, linesMatched);
    return inputs;
  }

  /**
   * Posts the invoice and schedules its payment from the invoice date and payment terms.
   *
   * @return true if scheduled now, false if it had been scheduled before
   */
  public boolean schedulePayment(String invoiceId, String processInstanceId) {
    Invoice invoice = invoices.get(invoiceId);
    // The last line of defence: whatever path led here, an invoice is paid only when the system of
    // record shows it matched (or a person accepted the variance) and approved as the matrix asked.
    // Otherwise the job fails and becomes an incident in Cockpit; nothing is paid.
    approvalControl
        .notPayable(invoiceId)
        .ifPresent(
            why -> {
              throw new IllegalStateException(
                  "Invoice "
                      + invoice.invoiceNumber()
                      + " of vendor "
                      + invoice.vendorId()
                      + " is not paid: "
                      + why
                      + ".");
            });
    InvoiceRepository.Payment payment =
        new InvoiceRepository.Payment(
            invoice.total(),
            invoice.currency(),
            PaymentTerms.paymentDate(invoice.invoiceDate(), invoice.paymentTerms()));
    boolean scheduled = invoices.schedulePayment(invoiceId, payment);
    if (scheduled) {
      Map<String, Object> inputs = new LinkedHashMap<>();
      inputs.put("total", invoice.total());
      inputs.put("currency", invoice.currency());
      inputs.put("invoiceDate", invoice.invoiceDate().toString());
      inputs.put("paymentTerms", invoice.paymentTerms());
      decisionLog.record(
          invoiceId,
          DecisionContext.ofInstance(processInstanceId),
          InvoiceDecisionLog.Kind.PAYMENT_RELEASED,
          DecidedBy.PLATFORM,
          inputs,
          payment.paymentDate().toString(),
          "Matched or variance accepted, and approved as the approval matrix asked"
              + " (re-checked from the system of record before payment)");
      Map<String, Object> event = invoiceFacts(invoice);
      event.put("amount", payment.amount());
      event.put("paymentDate", payment.paymentDate().toString());
      events.publish(EventType.INVOICE_SCHEDULED_FOR_PAYMENT, invoiceId, event, processInstanceId);
      log.info(
          "Process instance {}: invoice {} posted, payment of {} scheduled for {}",
          processInstanceId,
          invoice.invoiceNumber(),
          Amounts.display(invoice.total(), invoice.currency()),
          payment.paymentDate());
    } else {
      invoices.updateStatus(invoiceId, InvoiceStatus.SCHEDULED_FOR_PAYMENT);
      log.warn(
          "Process instance {}: payment of invoice {} was already scheduled; not scheduled again",
          processInstanceId,
          invoice.invoiceNumber());
    }
    return scheduled;
  }

  public void reject(String invoiceId, String processInstanceId, String reason) {
    Invoice invoice = invoices.get(invoiceId);
    invoices.updateStatus(invoiceId, InvoiceStatus.REJECTED);
    vendorNotifier.invoiceRejected(invoice, reason);
    Map<String, Object> event = invoiceFacts(invoice);
    event.put("reason", reason);
    events.publish(EventType.INVOICE_REJECTED, invoiceId, event, processInstanceId);
    log.info(
        "Process instance {}: invoice {} rejected: {}",
        processInstanceId,
        invoice.invoiceNumber(),
        reason);
  }

  /** What an integration event says about an invoice. */
  private static Map<String, Object> invoiceFacts(Invoice invoice) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("invoiceId", invoice.invoiceId());
    facts.put("vendorId", invoice.vendorId());
    facts.put("invoiceNumber", invoice.invoiceNumber());
    facts.put("poNumber", invoice.poNumber());
    facts.put("invoiceDate", invoice.invoiceDate().toString());
    facts.put("total", invoice.total());
    facts.put("currency", invoice.currency());
    return facts;
  }

  public void requestCreditNote(String invoiceId, String reason) {
    vendorNotifier.creditNoteRequested(invoices.get(invoiceId), reason);
    invoices.updateStatus(invoiceId, InvoiceStatus.AWAITING_CREDIT_NOTE);
  }
}
