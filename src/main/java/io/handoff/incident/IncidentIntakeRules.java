package io.handoff.incident;

import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What every intake must satisfy, checked before anything is written: a title, a reporter, impact
 * and urgency HIGH/MEDIUM/LOW, a known category if one is given.
 */
@Component
public class IncidentIntakeRules {

  public static final int TITLE_MAX = 200;

  /**
   * The longest incident description, in characters: from REST, the Tasklist form (which declares
   * the same maxLength) or an alert's annotations. Kept in full up to this.
   */
  public static final int DESCRIPTION_MAX = 50_000;

  private final List<String> categories;

  public IncidentIntakeRules(IncidentProperties properties) {
    this.categories = properties.categories();
  }

  public List<String> categories() {
    return categories;
  }

  /** Problems with a category value, empty when it is absent or known. */
  public List<FieldProblem> categoryProblems(String field, String category) {
    if (category == null || categories.contains(category)) {
      return List.of();
    }
    return List.of(new FieldProblem(field, "must be one of " + categories));
  }

  /** The problem message of a text over its limit. */
  public static String tooLong(int max) {
    return String.format(Locale.ROOT, "must be at most %,d characters", max);
  }

  public static Level level(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Builds a validated incident from loose values (the Tasklist start form's variables).
   *
   * @throws InvalidRequestException naming each bad field
   */
  public NewIncident validated(
      String title,
      String description,
      String reporter,
      String service,
      String impact,
      String urgency,
      String category,
      String knownRequest,
      IncidentSource source,
      String alertFingerprint) {
    List<FieldProblem> problems = new ArrayList<>();
    if (title == null || title.isBlank()) {
      problems.add(new FieldProblem("title", "must not be blank"));
    } else if (title.length() > TITLE_MAX) {
      problems.add(new FieldProblem("title", "must be at most " + TITLE_MAX + " characters"));
    }
    if (description != null && description.length() > DESCRIPTION_MAX) {
      problems.add(new FieldProblem("description", tooLong(DESCRIPTION_MAX)));
    }
    if (reporter == null || reporter.isBlank()) {
      problems.add(new FieldProblem("reporter", "must not be blank"));
    }
    Level impactLevel = level(impact);
    if (impactLevel == null) {
      problems.add(new FieldProblem("impact", "must be one of " + Arrays.toString(Level.values())));
    }
    Level urgencyLevel = level(urgency);
    if (urgencyLevel == null) {
      problems.add(
          new FieldProblem("urgency", "must be one of " + Arrays.toString(Level.values())));
    }
    String cat = category == null || category.isBlank() ? null : category;
    problems.addAll(categoryProblems("category", cat));
    KnownRequest request = KnownRequest.NONE;
    if (knownRequest != null && !knownRequest.isBlank()) {
      try {
        request = KnownRequest.valueOf(knownRequest);
      } catch (IllegalArgumentException e) {
        problems.add(
            new FieldProblem(
                "knownRequest", "must be one of " + Arrays.toString(KnownRequest.values())));
      }
    }
    InvalidRequestException.throwIfAny(problems);
    return new NewIncident(
        title.trim(),
        description,
        reporter,
        service,
        impactLevel,
        urgencyLevel,
        cat,
        request,
        source,
        alertFingerprint);
  }
}
