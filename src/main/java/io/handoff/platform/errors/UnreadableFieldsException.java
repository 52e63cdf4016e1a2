package io.handoff.platform.errors;

import java.util.List;

/**
 * A request body with values that cannot be read (wrong type, unknown enum name, unknown field).
 * Carries the body as far as it could be read, so that its other fields are checked too and one 400
 * names every bad field.
 */
public class UnreadableFieldsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<FieldProblem> problems;
  private final transient Object partial;

  public UnreadableFieldsException(List<FieldProblem> problems, Object partial) {
    super(problems.size() + " unreadable field(s)");
    this.problems = List.copyOf(problems);
    this.partial = partial;
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  /** The body with the unreadable values absent; null when the body as a whole was unreadable. */
  public Object partial() {
    return partial;
  }
}
