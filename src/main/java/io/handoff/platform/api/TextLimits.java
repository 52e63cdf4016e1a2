package io.handoff.platform.api;

/**
 * The longest free texts the platform takes from people and integrators, in characters (UTF-16
 * units, as Java and the Tasklist's forms count them). Texts of any length are kept in full up to
 * these; longer ones are refused with 400 naming the field. The forms of the processes declare the
 * same numbers as {@code validate.maxLength}, which the platform checks again on submission.
 */
public final class TextLimits {

  /**
   * A comment, reason or note a person writes on a task (a review comment, an approval reason,
   * resolution notes, a reopening reason).
   */
  public static final int COMMENT_MAX = 20_000;

  private TextLimits() {}
}
