package io.handoff.procurement;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Payment terms the platform understands ({@link PaymentTerms}: NET0 to NET365). Blank values and
 * values longer than six characters are left to {@code @NotBlank} and {@code @Size}.
 */
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD,
  ElementType.RECORD_COMPONENT
})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NetPaymentTerms.Check.class)
public @interface NetPaymentTerms {

  String message() default "must be NET<days> with 0 to 365 days, e.g. NET30";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks the terms with {@link PaymentTerms#days}. */
  final class Check implements ConstraintValidator<NetPaymentTerms, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null
          || value.isBlank()
          || value.length() > 6
          || PaymentTerms.days(value).isPresent();
    }
  }
}
