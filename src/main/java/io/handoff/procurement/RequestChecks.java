package io.handoff.procurement;

import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.InvalidRequestException;
import io.handoff.platform.persistence.Fingerprints;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.springframework.stereotype.Component;

/**
 * Validation shared by the procurement endpoints: Bean Validation and the domain rules together, so
 * that one 400 names every bad field, and a fingerprint of a request to recognise a repeated one.
 */
@Component
public class RequestChecks {

  /** Ids used in paths and business keys: letters, digits, dot, underscore, hyphen. */
  public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  public static final String ID_MESSAGE =
      "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

  private final Validator validator;

  public RequestChecks(Validator validator) {
    this.validator = validator;
  }

  /** The Bean Validation problems of a request body. */
  public <T> List<FieldProblem> constraints(T request) {
    List<FieldProblem> problems = new ArrayList<>();
    for (ConstraintViolation<T> v : validator.validate(request)) {
      problems.add(FieldProblem.of(v));
    }
    return problems;
  }

  /** Line numbers must be unique within one request. */
  public static <L> void uniqueLines(
      List<L> lines, ToIntFunction<L> lineNo, List<FieldProblem> problems) {
    if (lines == null) {
      return;
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      L line = lines.get(i);
      if (line == null || hasProblem(problems, "lines[" + i + "].line")) {
        continue;
      }
      if (!seen.add(lineNo.applyAsInt(line))) {
        problems.add(new FieldProblem("lines[" + i + "].line", "duplicate line number"));
      }
    }
  }

  public static boolean hasProblem(List<FieldProblem> problems, String fieldPrefix) {
    return problems.stream().anyMatch(p -> p.field().startsWith(fieldPrefix));
  }

  public static void throwIfAny(List<FieldProblem> problems) {
    InvalidRequestException.throwIfAny(problems);
  }

  /** A fingerprint of the meaningful content of a request (numbers compared by value). */
  public static String fingerprint(Object... parts) {
    return Fingerprints.of(parts);
  }
}
