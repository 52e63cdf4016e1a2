package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.VALIDATION_PROBLEMS;
import static io.handoff.vendor.VendorOnboardingVariables.VENDOR_DATA_VALID;

import io.handoff.platform.errors.FieldProblem;
import io.handoff.vendor.VendorDataValidator;
import io.handoff.vendor.VendorOnboardingVariables;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Validates the vendor data of the start (or correction) form with the REST intake's rules. */
@Component("validateVendorData")
public class ValidateVendorDataDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(ValidateVendorDataDelegate.class);

  private final VendorDataValidator validator;

  public ValidateVendorDataDelegate(VendorDataValidator validator) {
    this.validator = validator;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<FieldProblem> problems =
        validator.problems(VendorOnboardingVariables.vendorData(execution));
    execution.setVariable(VENDOR_DATA_VALID, problems.isEmpty());
    execution.setVariable(
        VALIDATION_PROBLEMS,
        problems.stream()
            .map(p -> p.field() + ": " + p.message())
            .collect(Collectors.joining("\n")));
    if (!problems.isEmpty()) {
      log.info(
          "Vendor data of process instance {} has {} problem(s)",
          execution.getProcessInstanceId(),
          problems.size());
    }
  }
}
