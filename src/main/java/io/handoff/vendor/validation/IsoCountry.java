package io.handoff.vendor.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country code (upper case), as listed by the JDK. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoCountry.Validator.class)
public @interface IsoCountry {

  String message() default "must be an ISO 3166-1 alpha-2 country code, e.g. DE";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks against {@link Locale#getISOCountries()}. */
  class Validator implements ConstraintValidator<IsoCountry, String> {
    private static final Set<String> CODES = Set.of(Locale.getISOCountries());

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || value.isBlank() || CODES.contains(value);
    }
  }
}
