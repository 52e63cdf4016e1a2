package io.handoff.platform.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * A business date of a request ({@link LocalDate} or {@link OffsetDateTime}) lies from {@value
 * #EARLIEST} up to one year after today on the engine's clock (UTC). Nothing older or further ahead
 * is a real invoice or alert, and no date outside the window reaches date arithmetic (payment
 * terms, SLA targets). Null is left to {@code @NotNull}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {PlausibleDate.ForLocalDate.class, PlausibleDate.ForDateTime.class})
public @interface PlausibleDate {

  String EARLIEST = "2000-01-01";

  String message() default "must be from " + EARLIEST + " to one year after today";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The window on the engine's clock. */
  final class Window {
    private Window() {}

    static boolean plausible(LocalDate date) {
      LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
      return !date.isBefore(LocalDate.parse(EARLIEST)) && !date.isAfter(today.plusYears(1));
    }
  }

  /** Checks invoice dates. */
  final class ForLocalDate implements ConstraintValidator<PlausibleDate, LocalDate> {
    @Override
    public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
      return value == null || Window.plausible(value);
    }
  }

  /** Checks timestamps such as an alert's start. */
  final class ForDateTime implements ConstraintValidator<PlausibleDate, OffsetDateTime> {
    @Override
    public boolean isValid(OffsetDateTime value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      try {
        return Window.plausible(value.atZoneSameInstant(ZoneOffset.UTC).toLocalDate());
      } catch (DateTimeException beyondTheCalendar) {
        return false;
      }
    }
  }
}
