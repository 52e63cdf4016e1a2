package io.handoff.vendor.process;

import static io.handoff.vendor.VendorOnboardingVariables.VENDOR_ID;

import io.handoff.vendor.VendorOnboarding;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Creates the approved vendor in the vendor master. */
@Component("createVendor")
public class CreateVendorDelegate implements JavaDelegate {

  private final VendorOnboarding onboarding;

  public CreateVendorDelegate(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(
        VENDOR_ID,
        onboarding.createVendor(onboarding.applicationIdOf(execution.getProcessInstanceId())));
  }
}
