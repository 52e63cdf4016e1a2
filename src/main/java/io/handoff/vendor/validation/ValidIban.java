package io.handoff.vendor.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

/** An IBAN with the right length and structure for its country and valid check digits. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidIban.Validator.class)
public @interface ValidIban {

  String message() default "is not a valid IBAN";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Delegates to {@link Ibans#problem(String)} and reports its message. */
  class Validator implements ConstraintValidator<ValidIban, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.isBlank()) {
        return true;
      }
      Optional<String> problem = Ibans.problem(value);
      problem.ifPresent(
          p -> {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(p).addConstraintViolation();
          });
      return problem.isEmpty();
    }
  }
}
