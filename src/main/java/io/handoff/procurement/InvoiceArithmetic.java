package io.handoff.procurement;

import io.handoff.platform.errors.FieldProblem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Checks that an invoice adds up: each line amount (when given) is quantity times unit price, and
 * the total is the sum of the line amounts plus tax, each within 0.01.
 */
public final class InvoiceArithmetic {

  public static final BigDecimal TOLERANCE = new BigDecimal("0.01");

  private InvoiceArithmetic() {}

  /**
   * @param quantity invoiced quantity
   * @param unitPrice invoiced unit price
   * @param amount stated line amount, may be null
   */
  public record LineFigures(BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {}

  /** The amount of a line: the stated one, else quantity x unit price. */
  public static BigDecimal lineAmount(LineFigures line) {
    return line.amount() != null ? line.amount() : computed(line);
  }

  static BigDecimal computed(LineFigures line) {
    return line.quantity().multiply(line.unitPrice()).setScale(4, RoundingMode.HALF_UP);
  }

  /** Adds a problem for every amount that does not add up. */
  public static void check(
      List<LineFigures> lines, BigDecimal tax, BigDecimal total, List<FieldProblem> problems) {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < lines.size(); i++) {
      LineFigures line = lines.get(i);
      BigDecimal computed = computed(line);
      if (line.amount() != null
          && line.amount().subtract(computed).abs().compareTo(TOLERANCE) > 0) {
        problems.add(
            new FieldProblem(
                "lines[" + i + "].amount",
                "is "
                    + line.amount().toPlainString()
                    + " but quantity x unit price is "
                    + Amounts.moneyText(computed)));
      }
      sum = sum.add(lineAmount(line));
    }
    BigDecimal expected = sum.add(tax);
    if (total.subtract(expected).abs().compareTo(TOLERANCE) > 0) {
      problems.add(
          new FieldProblem(
              "total",
              "is "
                  + total.toPlainString()
                  + " but the line amounts ("
                  + Amounts.moneyText(sum)
                  + ") plus tax ("
                  + tax.toPlainString()
                  + ") are "
                  + Amounts.moneyText(expected)));
    }
  }
}
