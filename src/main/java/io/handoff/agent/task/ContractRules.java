package io.handoff.agent.task;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic text rules that find the three clauses a contract review looks for: payment terms,
 * the liability cap and a data-processing clause. Each finding is {@link Finding#CLEAR} (one
 * unambiguous match), {@link Finding#AMBIGUOUS} (conflicting matches, or only a weak hint) or
 * {@link Finding#MISSING}.
 */
public final class ContractRules {

  /** How certain the rules are about one clause. */
  public enum Finding {
    CLEAR,
    AMBIGUOUS,
    MISSING
  }

  /**
   * @param paymentDays days until payment is due, or null
   * @param payment how clearly the payment terms were found
   * @param liabilityCap {@code unlimited} or {@code <currency> <amount>}, or null
   * @param liability how clearly the liability cap was found
   * @param dataProcessing whether a data-processing clause is present
   * @param dataProcessingFinding how clearly it was found
   */
  public record Terms(
      Integer paymentDays,
      Finding payment,
      String liabilityCap,
      Finding liability,
      boolean dataProcessing,
      Finding dataProcessingFinding) {}

  private static final Pattern NET_DAYS =
      Pattern.compile("\\bnet[\\s-]?(\\d{1,3})\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern WITHIN_DAYS =
      Pattern.compile(
          "\\b(?:pa(?:id|yable|yment)|due|settled?)\\b[^.;]{0,60}?\\bwithin\\s+(\\d{1,3})\\s+"
              + "(?:calendar\\s+|business\\s+|working\\s+)?days",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DAYS_FROM_INVOICE =
      Pattern.compile(
          "\\b(\\d{1,3})\\s+days\\s+(?:net|(?:from|after|of)\\s+(?:the\\s+)?(?:date\\s+of\\s+|receipt\\s+of\\s+(?:the\\s+)?)?invoice)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern PAYMENT_WORDS =
      Pattern.compile("\\b(payment|invoice|payable)\\b", Pattern.CASE_INSENSITIVE);

  private static final Pattern SENTENCE = Pattern.compile("[^.;]+(?:\\.\\d[^.;]*)*[.;]?");
  private static final Pattern LIABILITY =
      Pattern.compile("\\bliabilit(?:y|ies)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern UNLIMITED =
      Pattern.compile(
          "\\bunlimited\\b|\\bwithout\\s+(?:any\\s+)?limit(?:ation)?\\b|\\bshall\\s+not\\s+be\\s+limited\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern CAP_WORDS =
      Pattern.compile(
          "\\b(?:shall\\s+not\\s+exceed|not\\s+exceed(?:ing)?|limited\\s+to|capped\\s+at|cap\\s+of|maximum\\s+(?:of|amount\\s+of)|up\\s+to|in\\s+excess\\s+of)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * An amount with its currency before or after it. Linear in the text: a number is read only from
   * the start of its digits (the lookbehind), to at most 15 digits or six thousands groups, and
   * must end there (the lookahead), so a long run of digits is not tried again at every position.
   */
  private static final String NUMBER =
      "(\\d{1,3}(?:[,.' ]\\d{3}){1,6}|\\d{1,15})(?!\\d|[,.' ]\\d{3})";

  private static final Pattern AMOUNT =
      Pattern.compile(
          "(?:(EUR|USD|GBP|CHF|€|\\$|£)\\s?"
              + NUMBER
              + "(?:[.,](\\d{2}))?(?:\\s?(million|m|k|thousand)\\b)?)"
              + "|(?:(?<![\\d,.'])"
              + NUMBER
              + "(?:[.,](\\d{2}))?(?:\\s?(million|m|k|thousand))?\\s?(EUR|USD|GBP|CHF|euros?|dollars?|pounds?)\\b)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern DPA_CLEAR =
      Pattern.compile(
          "\\bdata\\s+processing\\s+(?:agreement|addendum|terms)\\b|\\bDPA\\b|\\bart(?:icle|\\.)?\\s*28\\b[^.]{0,40}(?:GDPR|DSGVO|regulation)"
              + "|\\bprocess(?:es|ing)?\\s+personal\\s+data\\s+(?:only\\s+)?on\\s+(?:the\\s+)?documented\\s+instructions",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DPA_HINT =
      Pattern.compile(
          "\\bGDPR\\b|\\bpersonal\\s+data\\b|\\bdata\\s+protection\\b|\\bDSGVO\\b",
          Pattern.CASE_INSENSITIVE);

  private ContractRules() {}

  public static Terms review(String text) {
    String contract = text == null ? "" : text;
    Set<Integer> days = new LinkedHashSet<>();
    for (Pattern p : List.of(NET_DAYS, WITHIN_DAYS, DAYS_FROM_INVOICE)) {
      Matcher m = p.matcher(contract);
      while (m.find()) {
        days.add(Integer.valueOf(m.group(1)));
      }
    }
    Integer paymentDays = days.size() == 1 ? days.iterator().next() : null;
    Finding payment =
        days.size() == 1
            ? Finding.CLEAR
            : days.size() > 1 || PAYMENT_WORDS.matcher(contract).find()
                ? Finding.AMBIGUOUS
                : Finding.MISSING;
    if (days.size() > 1) {
      paymentDays = null;
    }

    Set<String> caps = new LinkedHashSet<>();
    boolean liabilityMentioned = false;
    Matcher sentences = SENTENCE.matcher(contract);
    while (sentences.find()) {
      String sentence = sentences.group();
      if (!LIABILITY.matcher(sentence).find()) {
        continue;
      }
      liabilityMentioned = true;
      if (UNLIMITED.matcher(sentence).find()) {
        caps.add("unlimited");
      } else if (CAP_WORDS.matcher(sentence).find()) {
        Matcher amount = AMOUNT.matcher(sentence);
        while (amount.find()) {
          caps.add(normalise(amount));
        }
      }
    }
    String liabilityCap = caps.size() == 1 ? caps.iterator().next() : null;
    Finding liability =
        caps.size() == 1
            ? Finding.CLEAR
            : caps.size() > 1 || liabilityMentioned ? Finding.AMBIGUOUS : Finding.MISSING;

    Finding dpa =
        DPA_CLEAR.matcher(contract).find()
            ? Finding.CLEAR
            : DPA_HINT.matcher(contract).find() ? Finding.AMBIGUOUS : Finding.MISSING;
    return new Terms(paymentDays, payment, liabilityCap, liability, dpa == Finding.CLEAR, dpa);
  }

  /**
   * Confidence from what was found: 0.95 when all three clauses were found clearly; each ambiguous
   * clause takes 0.25 off and each missing clause 0.30; never below 0.05.
   */
  public static double confidence(Terms terms) {
    double confidence = 0.95;
    for (Finding f : List.of(terms.payment(), terms.liability(), terms.dataProcessingFinding())) {
      confidence -= f == Finding.AMBIGUOUS ? 0.25 : f == Finding.MISSING ? 0.30 : 0.0;
    }
    return Math.max(0.05, Math.round(confidence * 100) / 100.0);
  }

  /** What a reviewer reads: one phrase per clause. */
  public static String rationale(Terms terms) {
    List<String> parts = new ArrayList<>();
    parts.add(
        switch (terms.payment()) {
          case CLEAR -> "payment within " + terms.paymentDays() + " days";
          case AMBIGUOUS -> "payment terms unclear or conflicting";
          case MISSING -> "no payment terms found";
        });
    parts.add(
        switch (terms.liability()) {
          case CLEAR -> "liability cap " + terms.liabilityCap();
          case AMBIGUOUS -> "liability mentioned but no single cap found";
          case MISSING -> "no liability clause found";
        });
    parts.add(
        switch (terms.dataProcessingFinding()) {
          case CLEAR -> "data-processing clause present";
          case AMBIGUOUS -> "personal data mentioned but no data-processing clause";
          case MISSING -> "no data-processing clause found";
        });
    return "Text rules: " + String.join("; ", parts) + ".";
  }

  private static String normalise(Matcher m) {
    boolean currencyFirst = m.group(1) != null;
    String currency = currency(currencyFirst ? m.group(1) : m.group(8));
    String whole = (currencyFirst ? m.group(2) : m.group(5)).replaceAll("[,.' ]", "");
    String cents = currencyFirst ? m.group(3) : m.group(6);
    String scale = currencyFirst ? m.group(4) : m.group(7);
    BigDecimal amount = new BigDecimal(whole + (cents == null ? "" : "." + cents));
    if (scale != null) {
      String s = scale.toLowerCase(Locale.ROOT);
      amount =
          amount.multiply(
              s.startsWith("m") ? BigDecimal.valueOf(1_000_000) : BigDecimal.valueOf(1_000));
    }
    return currency + " " + amount.setScale(2).toPlainString();
  }

  private static String currency(String raw) {
    String c = raw.toLowerCase(Locale.ROOT);
    if (c.equals("€") || c.startsWith("eur")) {
      return "EUR";
    }
    if (c.equals("$") || c.startsWith("dollar") || c.equals("usd")) {
      return "USD";
    }
    if (c.equals("£") || c.startsWith("pound") || c.equals("gbp")) {
      return "GBP";
    }
    return c.toUpperCase(Locale.ROOT);
  }
}
