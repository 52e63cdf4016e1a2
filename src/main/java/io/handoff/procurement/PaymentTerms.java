package io.handoff.procurement;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment terms of the form {@code NET<days>} (NET0 to NET365): due that many days after the
 * invoice date.
 */
public final class PaymentTerms {

  private static final Pattern NET = Pattern.compile("NET(\\d{1,3})");
  private static final int MAX_DAYS = 365;

  private PaymentTerms() {}

  /** Days until due, or empty if the terms are not understood. */
  public static Optional<Integer> days(String terms) {
    if (terms == null) {
      return Optional.empty();
    }
    Matcher m = NET.matcher(terms);
    if (!m.matches()) {
      return Optional.empty();
    }
    int days = Integer.parseInt(m.group(1));
    return days <= MAX_DAYS ? Optional.of(days) : Optional.empty();
  }

  public static LocalDate paymentDate(LocalDate invoiceDate, String terms) {
    int days =
        days(terms)
            .orElseThrow(() -> new IllegalArgumentException("Unknown payment terms: " + terms));
    return invoiceDate.plusDays(days);
  }
}
