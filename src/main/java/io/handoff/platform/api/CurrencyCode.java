package io.handoff.platform.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;

/**
 * An ISO 4217 currency code as the JDK knows it ({@code EUR}, upper case). Blank values and values
 * longer than three characters are left to {@code @NotBlank} and {@code @Size}, so that a field
 * gets one entry.
 */
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD,
  ElementType.RECORD_COMPONENT
})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CurrencyCode.Check.class)
public @interface CurrencyCode {

  String message() default "unknown currency code '${validatedValue}'";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks the code against the JDK's currencies. */
  final class Check implements ConstraintValidator<CurrencyCode, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.isBlank() || value.length() > 3) {
        return true;
      }
      try {
        return value.equals(Currency.getInstance(value).getCurrencyCode());
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
