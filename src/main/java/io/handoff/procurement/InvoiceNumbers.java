package io.handoff.procurement;

import java.util.Locale;
import java.util.regex.Pattern;

/** Invoice numbers as the duplicate check compares them. */
public final class InvoiceNumbers {

  private static final Pattern LEADING_ZEROS = Pattern.compile("(?<![0-9])0+(?=[0-9])");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s._/\\\\-]+");

  private InvoiceNumbers() {}

  /**
   * The number without case, spaces, separators and leading zeros of its digit groups: {@code
   * INV-0042}, {@code inv 42} and {@code INV_042} are the same invoice.
   */
  public static String key(String invoiceNumber) {
    String upper = invoiceNumber.strip().toUpperCase(Locale.ROOT);
    return SEPARATORS.matcher(LEADING_ZEROS.matcher(upper).replaceAll("")).replaceAll("");
  }
}
