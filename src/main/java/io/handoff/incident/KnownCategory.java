package io.handoff.incident;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One of the incident categories the platform is configured with ({@code handoff.incident}); null
 * is no category (the incident is classified in triage). Checked with the other constraints of a
 * request, so that an unknown category is named in the same answer as every other bad field.
 */
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD,
  ElementType.RECORD_COMPONENT
})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownCategory.Check.class)
public @interface KnownCategory {

  String message() default "must be one of the configured categories";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Built by Spring's validator factory, with the intake rules injected. */
  final class Check implements ConstraintValidator<KnownCategory, String> {

    private final IncidentIntakeRules rules;

    public Check(IncidentIntakeRules rules) {
      this.rules = rules;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.length() > 64 || rules.categoryProblems("x", value).isEmpty()) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate(
              rules
                  .categoryProblems("x", value)
                  .get(0)
                  .message()
                  .replace("{", "\\{")
                  .replace("$", "\\$"))
          .addConstraintViolation();
      return false;
    }
  }
}
