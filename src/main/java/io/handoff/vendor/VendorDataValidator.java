package io.handoff.vendor;

import io.handoff.platform.errors.FieldProblem;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The intake's rules (the Bean Validation constraints of {@link VendorApplicationRequest}) applied
 * to vendor data that arrived through a form, one problem per bad field.
 */
@Component
public class VendorDataValidator {

  private final Validator validator;

  public VendorDataValidator(Validator validator) {
    this.validator = validator;
  }

  public List<FieldProblem> problems(VendorApplicationRequest data) {
    return validator.validate(data).stream()
        .map(FieldProblem::of)
        .sorted(Comparator.comparing(FieldProblem::field))
        .toList();
  }
}
