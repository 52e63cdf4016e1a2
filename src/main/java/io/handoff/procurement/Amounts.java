package io.handoff.procurement;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Presentation of stored amounts and quantities (stored with four decimals). */
public final class Amounts {

  private Amounts() {}

  /**
   * An amount with at least two decimals and no trailing zeros beyond them: 100.00, 12.3450 →
   * 12.345.
   */
  public static BigDecimal money(BigDecimal value) {
    return value == null ? null : value.setScale(Math.max(2, value.stripTrailingZeros().scale()));
  }

  /** A quantity without trailing zeros: 10.0000 → 10, 2.5000 → 2.5. */
  public static BigDecimal quantity(BigDecimal value) {
    return value == null ? null : value.setScale(Math.max(0, value.stripTrailingZeros().scale()));
  }

  public static String moneyText(BigDecimal value) {
    return value == null ? "" : money(value).toPlainString();
  }

  public static String quantityText(BigDecimal value) {
    return value == null ? "" : quantity(value).toPlainString();
  }

  /** A total for people to read: {@code 12345.60 EUR}. */
  public static String display(BigDecimal amount, String currency) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + currency;
  }
}
