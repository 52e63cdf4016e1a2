package io.handoff.vendor.screening;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Brings company and person names to a comparable form: lower case, accents removed, punctuation to
 * spaces, legal-form words (GmbH, Ltd, LLC, SA, ...) dropped, whitespace collapsed.
 */
public final class NameNormalizer {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

  /** Legal-form words, after punctuation has been removed ("S.R.L." is "s r l" by then). */
  static final Set<String> LEGAL_FORMS =
      Set.of(
          "gmbh",
          "mbh",
          "ag",
          "kg",
          "ohg",
          "ug",
          "ev",
          "se",
          "ltd",
          "limited",
          "llc",
          "llp",
          "lp",
          "inc",
          "incorporated",
          "corp",
          "corporation",
          "co",
          "company",
          "plc",
          "sa",
          "sas",
          "sarl",
          "srl",
          "spa",
          "bv",
          "nv",
          "vof",
          "ab",
          "as",
          "asa",
          "oy",
          "oyj",
          "aps",
          "kft",
          "zrt",
          "sro",
          "doo",
          "dd",
          "ooo",
          "oao",
          "zao",
          "jsc",
          "pjsc",
          "ojsc",
          "cjsc",
          "fze",
          "fzco",
          "fzc",
          "pte",
          "pty",
          "bhd",
          "sdn",
          "holding",
          "holdings",
          "group",
          "the");

  /** Multi-letter legal forms written with dots or spaces, matched on the token sequence. */
  private static final List<List<String>> SPLIT_LEGAL_FORMS =
      List.of(
          List.of("s", "r", "l"),
          List.of("s", "p", "a"),
          List.of("s", "a", "r", "l"),
          List.of("b", "v"),
          List.of("n", "v"),
          List.of("s", "a"),
          List.of("a", "g"),
          List.of("sp", "z", "o", "o"),
          List.of("s", "a", "s"));

  private NameNormalizer() {}

  public static String normalize(String name) {
    if (name == null) {
      return "";
    }
    String lower =
        name.toLowerCase(Locale.ROOT)
            .replace("ß", "ss")
            .replace("æ", "ae")
            .replace("œ", "oe")
            .replace("ø", "o")
            .replace("ł", "l")
            .replace("đ", "d")
            .replace("&", " and ");
    String withoutAccents =
        MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    String spaced = NON_ALNUM.matcher(withoutAccents.replace("'", "")).replaceAll(" ").trim();
    if (spaced.isEmpty()) {
      return "";
    }
    List<String> tokens = new ArrayList<>(Arrays.asList(spaced.split(" ")));
    removeSplitLegalForms(tokens);
    tokens.removeIf(LEGAL_FORMS::contains);
    return String.join(" ", tokens);
  }

  private static void removeSplitLegalForms(List<String> tokens) {
    for (List<String> form : SPLIT_LEGAL_FORMS) {
      for (int i = 0; i + form.size() <= tokens.size(); i++) {
        if (tokens.subList(i, i + form.size()).equals(form)) {
          tokens.subList(i, i + form.size()).clear();
          i--;
        }
      }
    }
  }

  /** The normalised name with its words in alphabetical order (for reordered names). */
  public static String sortedTokens(String normalized) {
    if (normalized.isEmpty()) {
      return normalized;
    }
    String[] tokens = normalized.split(" ");
    Arrays.sort(tokens);
    return String.join(" ", tokens);
  }
}
