package io.handoff.platform.errors;

/**
 * One bad field of a request.
 *
 * @param field the field's path in the request body, e.g. {@code lines[0].quantity}
 * @param message what is wrong with it
 */
public record FieldProblem(String field, String message) {

  /** The problem a Bean Validation constraint violation describes, named by its property path. */
  public static FieldProblem of(jakarta.validation.ConstraintViolation<?> violation) {
    return new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage());
  }
}
