package io.handoff.support;

/**
 * Long texts for the tests of long text: multi-line, with characters that take two to four bytes in
 * UTF-8 ("ü", "€", CJK, an emoji outside the Basic Multilingual Plane), on which PostgreSQL's and
 * H2's column semantics differ.
 */
public final class LongTexts {

  /** One paragraph: Latin-1, the euro sign, CJK and an emoji (a surrogate pair in Java). */
  public static final String PARAGRAPH =
      "§ Die Vergütung für Leistungen über 1.000 € ist binnen 30 Tagen fällig."
          + " 支払条件：請求書受領後三十日以内。 Liability is limited to EUR 1,000,000 📄.\n";

  private LongTexts() {}

  /**
   * A text of exactly {@code length} Java characters, never ending on half of a surrogate pair.
   *
   * @param marker written at the start, so that texts of the same length differ
   */
  public static String of(int length, String marker) {
    StringBuilder text = new StringBuilder(length + PARAGRAPH.length());
    text.append(marker).append('\n');
    while (text.length() < length) {
      text.append(PARAGRAPH);
    }
    text.setLength(length);
    if (Character.isHighSurrogate(text.charAt(length - 1))) {
      text.setCharAt(length - 1, '.');
    }
    return text.toString();
  }
}
