package io.handoff.vendor.validation;

import java.util.Locale;
import java.util.Optional;
import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

/** IBANs checked by iban4j: country, length and BBAN structure of the country, check digits. */
public final class Ibans {

  private Ibans() {}

  /** The electronic form: upper case, no spaces. */
  public static String normalize(String raw) {
    return raw.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
  }

  /** What is wrong with the IBAN, or empty when it is valid. */
  public static Optional<String> problem(String raw) {
    String iban = normalize(raw);
    try {
      IbanUtil.validate(iban);
      return Optional.empty();
    } catch (InvalidCheckDigitException e) {
      return Optional.of("has wrong check digits");
    } catch (UnsupportedCountryException e) {
      return Optional.of("has a country code without IBANs: " + prefix(iban));
    } catch (IbanFormatException e) {
      String violation = e.getFormatViolation() == null ? "" : e.getFormatViolation().name();
      if (violation.contains("COUNTRY")) {
        return Optional.of("has a country code without IBANs: " + prefix(iban));
      }
      if (violation.contains("LENGTH")) {
        return Optional.of("has the wrong length for " + prefix(iban));
      }
      return Optional.of("is not a valid IBAN for " + prefix(iban));
    }
  }

  private static String prefix(String iban) {
    return iban.length() >= 2 ? iban.substring(0, 2) : iban;
  }
}
