package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.DUPLICATE_OF_ID;
import static io.handoff.vendor.VendorOnboardingVariables.DUPLICATE_OF_KIND;

import io.handoff.vendor.VendorOnboarding;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Stops an application whose VAT number or IBAN is already known: BPMN error DUPLICATE_VENDOR. */
@Component("checkDuplicateVendor")
public class CheckDuplicateVendorDelegate implements JavaDelegate {

  public static final String DUPLICATE_VENDOR = "DUPLICATE_VENDOR";

  private final VendorOnboarding onboarding;

  public CheckDuplicateVendorDelegate(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Optional<VendorOnboarding.Duplicate> duplicate =
        onboarding.findDuplicate(onboarding.applicationIdOf(execution.getProcessInstanceId()));
    if (duplicate.isPresent()) {
      execution.setVariable(DUPLICATE_OF_KIND, duplicate.get().kind());
      execution.setVariable(DUPLICATE_OF_ID, duplicate.get().id());
      throw new BpmnError(
          DUPLICATE_VENDOR, "Same " + duplicate.get().matchedOn() + " as " + duplicate.get().id());
    }
  }
}
