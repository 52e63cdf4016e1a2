package io.handoff.platform.errors;

import java.util.List;

/**
 * A request that is well-formed JSON but breaks a rule that Bean Validation cannot express (an
 * unknown currency, totals that do not add up). Answered with 400 and one entry per bad field.
 */
public class InvalidRequestException extends RuntimeException {

  private final transient List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super(problems.size() + " invalid field(s)");
    this.problems = List.copyOf(problems);
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldProblem(field, message)));
  }

  /** Refuses the request when any problem was found; does nothing otherwise. */
  public static void throwIfAny(List<FieldProblem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
