package io.handoff.procurement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arithmetic of the three-way match: for one invoice line, how far it is from its purchase
 * order line and from what has been received. Whether that is acceptable is not decided here but by
 * the tolerance table ({@code invoice-line-tolerance.dmn}).
 */
public final class LineMatcher {

  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final int SCALE = 4;

  private LineMatcher() {}

  /**
   * The figures of one line.
   *
   * @param line line number
   * @param sku ordered item, null when the line is not on the order
   * @param onOrder whether the purchase order has this line
   * @param orderedQuantity quantity ordered (0 when not on the order)
   * @param receivedQuantity quantity received so far
   * @param invoicedQuantity quantity invoiced
   * @param orderUnitPrice unit price on the order (null when not on the order)
   * @param invoicedUnitPrice unit price on the invoice
   * @param quantityAboveOrdered invoiced minus ordered, at least 0
   * @param quantityAboveReceived invoiced minus received, at least 0
   * @param invoicedElsewhere quantity of this line billed by the order's other invoices (matched,
   *     not rejected)
   * @param quantityAboveUninvoiced invoiced plus invoiced elsewhere minus received, at least 0:
   *     what this invoice bills of goods that other invoices have already billed
   * @param priceVariancePercent |invoiced - ordered price| / ordered price in percent
   * @param priceVarianceAmount |invoiced - ordered price| x invoiced quantity
   */
  public record LineFigures(
      int line,
      String sku,
      boolean onOrder,
      BigDecimal orderedQuantity,
      BigDecimal receivedQuantity,
      BigDecimal invoicedQuantity,
      BigDecimal orderUnitPrice,
      BigDecimal invoicedUnitPrice,
      BigDecimal quantityAboveOrdered,
      BigDecimal quantityAboveReceived,
      BigDecimal invoicedElsewhere,
      BigDecimal quantityAboveUninvoiced,
      BigDecimal priceVariancePercent,
      BigDecimal priceVarianceAmount) {}

  public static LineFigures figures(
      Invoice.Line invoiced,
      Optional<PurchaseOrder.Line> ordered,
      BigDecimal received,
      BigDecimal invoicedElsewhere) {
    BigDecimal receivedQuantity = received == null ? BigDecimal.ZERO : received;
    BigDecimal elsewhere = invoicedElsewhere == null ? BigDecimal.ZERO : invoicedElsewhere;
    BigDecimal orderedQuantity = ordered.map(PurchaseOrder.Line::quantity).orElse(BigDecimal.ZERO);
    BigDecimal orderPrice = ordered.map(PurchaseOrder.Line::unitPrice).orElse(null);
    BigDecimal priceDifference =
        orderPrice == null ? BigDecimal.ZERO : invoiced.unitPrice().subtract(orderPrice).abs();
    return new LineFigures(
        invoiced.line(),
        ordered.map(PurchaseOrder.Line::sku).orElse(null),
        ordered.isPresent(),
        orderedQuantity,
        receivedQuantity,
        invoiced.quantity(),
        orderPrice,
        invoiced.unitPrice(),
        positivePart(invoiced.quantity().subtract(orderedQuantity)),
        positivePart(invoiced.quantity().subtract(receivedQuantity)),
        elsewhere,
        positivePart(invoiced.quantity().add(elsewhere).subtract(receivedQuantity)),
        percent(priceDifference, orderPrice),
        priceDifference.multiply(invoiced.quantity()).setScale(SCALE, RoundingMode.HALF_UP));
  }

  /**
   * Whether the invoice bills more of an ordered line than has been received and not yet billed by
   * the order's other invoices, while more goods can still come (less received than ordered), so
   * the process should wait for goods before matching.
   */
  public static boolean waitsForGoods(
      List<Invoice.Line> lines,
      PurchaseOrder order,
      Map<Integer, BigDecimal> received,
      Map<Integer, BigDecimal> invoicedElsewhere) {
    return lines.stream()
        .anyMatch(
            l -> {
              Optional<PurchaseOrder.Line> ordered = order.line(l.line());
              if (ordered.isEmpty()) {
                return false;
              }
              BigDecimal got = received.getOrDefault(l.line(), BigDecimal.ZERO);
              BigDecimal billed =
                  l.quantity().add(invoicedElsewhere.getOrDefault(l.line(), BigDecimal.ZERO));
              return billed.compareTo(got) > 0 && got.compareTo(ordered.get().quantity()) < 0;
            });
  }

  static BigDecimal percent(BigDecimal difference, BigDecimal base) {
    if (base == null || difference.signum() == 0) {
      return BigDecimal.ZERO.setScale(SCALE);
    }
    if (base.signum() == 0) {
      // Anything billed for an item ordered at no charge is a full variance.
      return HUNDRED.setScale(SCALE);
    }
    return difference.multiply(HUNDRED).divide(base, SCALE, RoundingMode.HALF_UP);
  }

  private static BigDecimal positivePart(BigDecimal value) {
    return value.signum() > 0 ? value : BigDecimal.ZERO;
  }
}
