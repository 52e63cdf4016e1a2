package io.handoff.vendor.validation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * VAT identification numbers of the EU member states: the format of each country and, for AT, BE,
 * DE, ES, FR, IT, NL and PL, the check digits the country defines. Numbers of countries outside the
 * EU are checked for a plausible tax-number shape only.
 */
public final class VatNumbers {

  /** Body of the number after the two-letter prefix, per ISO country code. */
  private static final Map<String, Pattern> EU_FORMATS =
      Map.ofEntries(
          Map.entry("AT", Pattern.compile("U\\d{8}")),
          Map.entry("BE", Pattern.compile("[01]\\d{9}")),
          Map.entry("BG", Pattern.compile("\\d{9,10}")),
          Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
          Map.entry("CZ", Pattern.compile("\\d{8,10}")),
          Map.entry("DE", Pattern.compile("\\d{9}")),
          Map.entry("DK", Pattern.compile("\\d{8}")),
          Map.entry("EE", Pattern.compile("\\d{9}")),
          Map.entry("ES", Pattern.compile("[A-Z0-9]\\d{7}[A-Z0-9]")),
          Map.entry("FI", Pattern.compile("\\d{8}")),
          Map.entry("FR", Pattern.compile("[0-9A-HJ-NP-Z]{2}\\d{9}")),
          Map.entry("GR", Pattern.compile("\\d{9}")),
          Map.entry("HR", Pattern.compile("\\d{11}")),
          Map.entry("HU", Pattern.compile("\\d{8}")),
          Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]")),
          Map.entry("IT", Pattern.compile("\\d{11}")),
          Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
          Map.entry("LU", Pattern.compile("\\d{8}")),
          Map.entry("LV", Pattern.compile("\\d{11}")),
          Map.entry("MT", Pattern.compile("\\d{8}")),
          Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
          Map.entry("PL", Pattern.compile("\\d{10}")),
          Map.entry("PT", Pattern.compile("\\d{9}")),
          Map.entry("RO", Pattern.compile("[1-9]\\d{1,9}")),
          Map.entry("SE", Pattern.compile("\\d{10}01")),
          Map.entry("SI", Pattern.compile("\\d{8}")),
          Map.entry("SK", Pattern.compile("\\d{10}")));

  private static final Pattern OTHER_COUNTRIES = Pattern.compile("[A-Z0-9]{4,20}");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-/]");

  private VatNumbers() {}

  /** Whether the country is an EU member state with a VAT number format known here. */
  public static boolean isEu(String country) {
    return country != null && EU_FORMATS.containsKey(country.toUpperCase(Locale.ROOT));
  }

  /** The VAT prefix of an EU country (Greece uses EL), or the country code. */
  public static String prefixOf(String country) {
    String upper = country.toUpperCase(Locale.ROOT);
    return "GR".equals(upper) ? "EL" : upper;
  }

  /**
   * The number in its canonical form: upper case, without separators, with the country prefix for
   * EU countries (e.g. {@code DE136695976}, {@code BE0403019261}).
   */
  public static String normalize(String country, String raw) {
    String compact = SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
    if (!isEu(country)) {
      return compact;
    }
    String prefix = prefixOf(country);
    String body = compact.startsWith(prefix) ? compact.substring(prefix.length()) : compact;
    if ("BE".equals(prefix) && body.matches("\\d{9}")) {
      body = "0" + body; // numbers issued before 2007 had nine digits
    }
    return prefix + body;
  }

  /** What is wrong with the number for this country, or empty when it is valid. */
  public static Optional<String> problem(String country, String raw) {
    String compact = SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
    if (!isEu(country)) {
      return OTHER_COUNTRIES.matcher(compact).matches()
          ? Optional.empty()
          : Optional.of("must be 4 to 20 letters or digits");
    }
    String iso = country.toUpperCase(Locale.ROOT);
    String prefix = prefixOf(iso);
    if (compact.length() >= 2
        && Character.isLetter(compact.charAt(0))
        && Character.isLetter(compact.charAt(1))
        && !compact.startsWith(prefix)
        && EU_FORMATS.containsKey(compact.substring(0, 2).replace("EL", "GR"))) {
      return Optional.of("prefix " + compact.substring(0, 2) + " does not match country " + iso);
    }
    String body = normalize(iso, raw).substring(prefix.length());
    if (!EU_FORMATS.get(iso).matcher(body).matches()) {
      return Optional.of("is not a valid " + prefix + " VAT number format");
    }
    return checkDigitsValid(iso, body)
        ? Optional.empty()
        : Optional.of("has wrong check digits for " + prefix);
  }

  static boolean checkDigitsValid(String country, String body) {
    return switch (country) {
      case "AT" -> austria(body.substring(1));
      case "BE" -> belgium(body);
      case "DE" -> germany(body);
      case "ES" -> spain(body);
      case "FR" -> france(body);
      case "IT" -> luhn(body);
      case "NL" -> netherlands(body);
      case "PL" -> poland(body);
      default -> true;
    };
  }

  private static int digit(String s, int i) {
    return s.charAt(i) - '0';
  }

  /** UID: weights 1,2,1,2,1,2,1 with cross sums; check = (10 - (sum + 4) mod 10) mod 10. */
  static boolean austria(String digits) {
    int sum = 0;
    for (int i = 0; i < 7; i++) {
      int d = digit(digits, i);
      if (i % 2 == 1) {
        d *= 2;
        d = d / 10 + d % 10;
      }
      sum += d;
    }
    return (10 - (sum + 4) % 10) % 10 == digit(digits, 7);
  }

  /** Enterprise number: the last two digits are 97 minus the first eight modulo 97. */
  static boolean belgium(String digits) {
    long first = Long.parseLong(digits.substring(0, 8));
    return 97 - first % 97 == Integer.parseInt(digits.substring(8));
  }

  /** USt-IdNr: ISO 7064 MOD 11,10 over the first eight digits. */
  static boolean germany(String digits) {
    int product = 10;
    for (int i = 0; i < 8; i++) {
      int sum = (digit(digits, i) + product) % 10;
      if (sum == 0) {
        sum = 10;
      }
      product = (2 * sum) % 11;
    }
    int check = 11 - product;
    return (check == 10 ? 0 : check) == digit(digits, 8);
  }

  /** Numeric key: (12 + 3 * (SIREN mod 97)) mod 97; alphabetic keys are checked for format only. */
  static boolean france(String body) {
    String key = body.substring(0, 2);
    if (!key.chars().allMatch(Character::isDigit)) {
      return true;
    }
    long siren = Long.parseLong(body.substring(2));
    return (12 + 3 * (siren % 97)) % 97 == Integer.parseInt(key);
  }

  /** Partita IVA: Luhn over the eleven digits. */
  static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digit(digits, digits.length() - 1 - i);
      if (i % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  /**
   * BTW-id: the legacy eleven-test over the nine digits, or (numbers issued since 2020) ISO 7064
   * MOD 97-10 over the whole number including the letters.
   */
  static boolean netherlands(String body) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += digit(body, i) * (9 - i);
    }
    sum -= digit(body, 8);
    if (sum % 11 == 0) {
      return true;
    }
    StringBuilder numeric = new StringBuilder();
    for (char c : ("NL" + body).toCharArray()) {
      numeric.append(Character.isLetter(c) ? String.valueOf(c - 'A' + 10) : String.valueOf(c));
    }
    return new java.math.BigInteger(numeric.toString())
            .mod(java.math.BigInteger.valueOf(97))
            .intValue()
        == 1;
  }

  /** NIP: weights 6,5,7,2,3,4,5,6,7; the sum modulo 11 is the last digit. */
  static boolean poland(String digits) {
    int[] weights = {6, 5, 7, 2, 3, 4, 5, 6, 7};
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += digit(digits, i) * weights[i];
    }
    return sum % 11 == digit(digits, 9);
  }

  private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
  private static final String CIF_LETTERS = "JABCDEFGHI";

  /**
   * NIF: a company's CIF, a national's DNI or a foreigner's NIE, each with its control character.
   */
  static boolean spain(String body) {
    char first = body.charAt(0);
    char last = body.charAt(8);
    if (Character.isDigit(first)) {
      return body.substring(0, 8).chars().allMatch(Character::isDigit)
          && DNI_LETTERS.charAt(Integer.parseInt(body.substring(0, 8)) % 23) == last;
    }
    if ("XYZ".indexOf(first) >= 0) {
      String number = "XYZ".indexOf(first) + body.substring(1, 8);
      return DNI_LETTERS.charAt(Integer.parseInt(number) % 23) == last;
    }
    if ("KLM".indexOf(first) >= 0) {
      return DNI_LETTERS.charAt(Integer.parseInt(body.substring(1, 8)) % 23) == last;
    }
    if ("ABCDEFGHJNPQRSUVW".indexOf(first) < 0) {
      return false;
    }
    int sum = 0;
    for (int i = 1; i <= 7; i++) {
      int d = digit(body, i);
      if (i % 2 == 1) {
        d *= 2;
        d = d / 10 + d % 10;
      }
      sum += d;
    }
    int control = (10 - sum % 10) % 10;
    if ("KPQSNW".indexOf(first) >= 0) {
      return CIF_LETTERS.charAt(control) == last;
    }
    if ("ABEH".indexOf(first) >= 0) {
      return Character.forDigit(control, 10) == last;
    }
    return CIF_LETTERS.charAt(control) == last || Character.forDigit(control, 10) == last;
  }
}
