package io.handoff.procurement;

import io.handoff.platform.errors.ApiProblemException;
import io.handoff.procurement.store.InvoiceRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes in invoices: stores a valid invoice and starts its process in one transaction, recognises a
 * repeated submission, refuses a different invoice under the same vendor and number, and takes
 * corrected invoices after a credit note request.
 */
@Service
public class InvoiceIntakeService {

  private static final Logger log = LoggerFactory.getLogger(InvoiceIntakeService.class);

  private final InvoiceRepository invoices;
  private final RuntimeService runtimeService;

  public InvoiceIntakeService(InvoiceRepository invoices, RuntimeService runtimeService) {
    this.invoices = invoices;
    this.runtimeService = runtimeService;
  }

  /**
   * @param invoice the stored invoice, after its process ran to its first wait state
   * @param created false when this was a repeat of an earlier identical submission
   */
  public record Submission(Invoice invoice, boolean created) {}

  /**
   * A validated invoice.
   *
   * @param invoice the invoice to store (status RECEIVED, no process yet)
   * @param fingerprint fingerprint of the request, to recognise a repeat
   */
  public record NewInvoice(Invoice invoice, String fingerprint) {}

  @Transactional
  public Submission submit(NewInvoice submitted) {
    Invoice invoice = submitted.invoice();
    Optional<Submission> earlier = earlier(submitted);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    invoices.insert(invoice, submitted.fingerprint());
    ProcessInstance instance =
        runtimeService
            .createProcessInstanceByKey(InvoiceVariables.PROCESS_KEY)
            .businessKey(InvoiceVariables.businessKey(invoice.vendorId(), invoice.invoiceNumber()))
            .setVariables(
                InvoiceVariables.start(
                    invoice.invoiceId(),
                    invoice.vendorId(),
                    invoice.invoiceNumber(),
                    invoice.poNumber(),
                    Amounts.display(invoice.total(), invoice.currency())))
            .execute();
    invoices.setProcessInstance(invoice.invoiceId(), instance.getId());
    log.info(
        "Process instance {}: invoice {} of vendor {} received",
        instance.getId(),
        invoice.invoiceNumber(),
        invoice.vendorId());
    return new Submission(invoices.get(invoice.invoiceId()), true);
  }

  /** The earlier submission under the same vendor and number: a repeat if identical, else 409. */
  @Transactional(readOnly = true)
  public Optional<Submission> earlier(NewInvoice submitted) {
    Invoice invoice = submitted.invoice();
    Optional<String> fingerprint =
        invoices.requestHash(invoice.vendorId(), invoice.invoiceNumber());
    if (fingerprint.isEmpty()) {
      return Optional.empty();
    }
    Invoice existing = invoices.find(invoice.vendorId(), invoice.invoiceNumber()).orElseThrow();
    if (!fingerprint.get().equals(submitted.fingerprint())) {
      throw new ApiProblemException(
          HttpStatus.CONFLICT,
          "duplicate-invoice",
          "Vendor "
              + invoice.vendorId()
              + " already sent invoice "
              + invoice.invoiceNumber()
              + " with different content.",
          Map.of(
              "vendorId", existing.vendorId(),
              "invoiceNumber", existing.invoiceNumber(),
              "processInstanceId", existing.processInstanceId()));
    }
    return Optional.of(new Submission(existing, false));
  }

  /** Builds the invoice to store from validated request values. */
  public static Invoice newInvoice(
      String vendorId,
      String invoiceNumber,
      LocalDate invoiceDate,
      String currency,
      String poNumber,
      String paymentTerms,
      List<Invoice.Line> lines,
      BigDecimal tax,
      BigDecimal total) {
    return new Invoice(
        UUID.randomUUID().toString(),
        vendorId,
        invoiceNumber,
        invoiceDate,
        currency,
        poNumber,
        paymentTerms,
        tax,
        total,
        InvoiceStatus.RECEIVED,
        null,
        lines);
  }

  /**
   * Replaces the content of an invoice waiting for a correction and lets its process match it
   * again.
   */
  @Transactional
  public Invoice correct(
      String vendorId,
      String invoiceNumber,
      LocalDate invoiceDate,
      List<Invoice.Line> lines,
      BigDecimal tax,
      BigDecimal total) {
    Invoice invoice = find(vendorId, invoiceNumber);
    boolean awaitingCorrection =
        invoice.processInstanceId() != null
            && runtimeService
                    .createEventSubscriptionQuery()
                    .processInstanceId(invoice.processInstanceId())
                    .eventName(InvoiceVariables.CORRECTED_INVOICE_MESSAGE)
                    .count()
                > 0;
    if (!awaitingCorrection) {
      throw ApiProblemException.conflict(
          "not-awaiting-correction",
          "Invoice "
              + invoiceNumber
              + " of vendor "
              + vendorId
              + " is not waiting for a corrected invoice (status "
              + invoice.status()
              + ").");
    }
    invoices.replaceContent(invoice.invoiceId(), invoiceDate, lines, tax, total);
    invoices.updateStatus(invoice.invoiceId(), InvoiceStatus.RECEIVED);
    runtimeService
        .createMessageCorrelation(InvoiceVariables.CORRECTED_INVOICE_MESSAGE)
        .processInstanceId(invoice.processInstanceId())
        .setVariable(InvoiceVariables.INVOICE_TOTAL, Amounts.display(total, invoice.currency()))
        .correlate();
    log.info(
        "Process instance {}: corrected invoice {} received",
        invoice.processInstanceId(),
        invoiceNumber);
    return invoices.get(invoice.invoiceId());
  }

  @Transactional(readOnly = true)
  public Invoice find(String vendorId, String invoiceNumber) {
    return invoices
        .find(vendorId, invoiceNumber)
        .orElseThrow(
            () ->
                ApiProblemException.notFound(
                    "Vendor " + vendorId + " has no invoice " + invoiceNumber + "."));
  }
}
