package io.handoff.procurement;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A purchase order as the purchasing system knows it.
 *
 * @param poNumber order number
 * @param vendorId vendor the order was placed with
 * @param currency ISO 4217 currency of the prices
 * @param requestedBy platform user who requested the purchase
 * @param category purchase category, an input of the approval matrix
 * @param lines ordered lines
 */
public record PurchaseOrder(
    String poNumber,
    String vendorId,
    String currency,
    String requestedBy,
    String category,
    List<Line> lines) {

  public PurchaseOrder {
    lines = List.copyOf(lines);
  }

  public Optional<Line> line(int lineNo) {
    return lines.stream().filter(l -> l.line() == lineNo).findFirst();
  }

  /**
   * @param line line number
   * @param sku item ordered
   * @param description item description
   * @param quantity quantity ordered
   * @param unitPrice agreed unit price
   */
  public record Line(
      int line, String sku, String description, BigDecimal quantity, BigDecimal unitPrice) {}
}
