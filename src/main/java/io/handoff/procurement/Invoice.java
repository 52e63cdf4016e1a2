package io.handoff.procurement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice as stored by the platform.
 *
 * @param invoiceId our id
 * @param vendorId vendor that sent it
 * @param invoiceNumber the vendor's invoice number, unique per vendor
 * @param invoiceDate date on the invoice, the start of the payment terms
 * @param currency ISO 4217 currency
 * @param poNumber purchase order it bills
 * @param paymentTerms payment terms such as {@code NET30}
 * @param tax tax amount
 * @param total total amount including tax
 * @param status where it stands
 * @param processInstanceId the process instance handling it
 * @param lines invoiced lines
 */
public record Invoice(
    String invoiceId,
    String vendorId,
    String invoiceNumber,
    LocalDate invoiceDate,
    String currency,
    String poNumber,
    String paymentTerms,
    BigDecimal tax,
    BigDecimal total,
    InvoiceStatus status,
    String processInstanceId,
    List<Line> lines) {

  public Invoice {
    lines = List.copyOf(lines);
  }

  /**
   * @param line line number, refers to the purchase order line
   * @param quantity invoiced quantity
   * @param unitPrice invoiced unit price
   * @param amount line amount
   */
  public record Line(int line, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {}
}
