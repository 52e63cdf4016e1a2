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
import java.util.Optional;
import java.util.Set;

/**
 * The {@code vatId} of a vendor is a valid VAT number of its {@code country} (format, and check
 * digits where the country defines them). Reported on the {@code vatId} field.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidVatId.Validator.class)
public @interface ValidVatId {

  String message() default "is not a valid VAT number";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Something with a country and a VAT number. */
  interface HasVatId {
    String country();

    String vatId();
  }

  /** Delegates to {@link VatNumbers#problem(String, String)}. */
  class Validator implements ConstraintValidator<ValidVatId, HasVatId> {
    private static final Set<String> CODES = Set.of(Locale.getISOCountries());

    @Override
    public boolean isValid(HasVatId value, ConstraintValidatorContext context) {
      if (value == null
          || value.vatId() == null
          || value.vatId().isBlank()
          || value.country() == null
          || !CODES.contains(value.country())) {
        return true; // missing values and unknown countries are reported on their own fields
      }
      Optional<String> problem = VatNumbers.problem(value.country(), value.vatId());
      problem.ifPresent(
          p -> {
            context.disableDefaultConstraintViolation();
            context
                .buildConstraintViolationWithTemplate(p)
                .addPropertyNode("vatId")
                .addConstraintViolation();
          });
      return problem.isEmpty();
    }
  }
}
