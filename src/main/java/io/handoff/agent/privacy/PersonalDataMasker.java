package io.handoff.agent.privacy;

import io.handoff.agent.AgentProperties;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Masks personal data before text leaves the platform for a non-local provider: e-mail addresses
 * ({@code [email]}), IBANs with a valid checksum ({@code [iban]}) and phone numbers ({@code
 * [phone]}). Each kind can be switched off under {@code handoff.agent.masking}.
 */
@Component
public class PersonalDataMasker {

  public static final String EMAIL = "email";
  public static final String IBAN = "iban";
  public static final String PHONE = "phone";

  /**
   * @param text the masked text
   * @param kinds the kinds of personal data that were found and masked
   */
  public record MaskedText(String text, Set<String> kinds) {}

  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern IBAN_CANDIDATE =
      Pattern.compile("\\b[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\\b");
  private static final Pattern PHONE_NUMBER =
      Pattern.compile(
          "(?<![\\w+])(?:(?:\\+|00)\\d{1,3}[ .-]?(?:\\(0\\))?[ .-]?(?:\\(?\\d{1,5}\\)?[ ./-]?){1,4}\\d{2,6}"
              + "|\\(?0\\d{1,5}\\)?[ /-]?\\d{2,5}(?:[ -]?\\d{2,5}){1,3})(?![\\w])");

  private final AgentProperties.Masking settings;

  public PersonalDataMasker(AgentProperties props) {
    this.settings = props.masking();
  }

  public MaskedText mask(String text) {
    if (text == null || text.isEmpty()) {
      return new MaskedText(text, Set.of());
    }
    Set<String> kinds = new TreeSet<>();
    String out = text;
    if (settings.email()) {
      out = replace(out, EMAIL_ADDRESS, "[email]", EMAIL, kinds, false);
    }
    if (settings.iban()) {
      out = replace(out, IBAN_CANDIDATE, "[iban]", IBAN, kinds, true);
    }
    if (settings.phone()) {
      out = replace(out, PHONE_NUMBER, "[phone]", PHONE, kinds, false);
    }
    return new MaskedText(out, Set.copyOf(kinds));
  }

  private static String replace(
      String text,
      Pattern pattern,
      String replacement,
      String kind,
      Set<String> kinds,
      boolean ibanChecksum) {
    Matcher m = pattern.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String found = m.group();
      boolean mask = !ibanChecksum || validIban(found);
      if (!ibanChecksum && kind.equals(PHONE) && digits(found) < 7) {
        mask = false;
      }
      if (mask) {
        kinds.add(kind);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(mask ? replacement : found));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static int digits(String s) {
    return (int) s.chars().filter(Character::isDigit).count();
  }

  /** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97. */
  static boolean validIban(String candidate) {
    String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
    if (iban.length() < 15 || iban.length() > 34) {
      return false;
    }
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder digits = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }
}
