package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.DUPLICATE_OF_ID;
import static io.handoff.vendor.VendorOnboardingVariables.DUPLICATE_OF_KIND;
import static io.handoff.vendor.VendorOnboardingVariables.VENDOR_ID;

import io.handoff.vendor.VendorOnboarding;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Creates the approved vendor in the vendor master; when a vendor with the same VAT number or IBAN
 * was created while the application was open, BPMN error {@code VENDOR_EXISTS} instead.
 */
@Component("createVendor")
public class CreateVendorDelegate implements JavaDelegate {

  public static final String VENDOR_EXISTS = "VENDOR_EXISTS";

  private final VendorOnboarding onboarding;

  public CreateVendorDelegate(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    VendorOnboarding.Creation creation =
        onboarding.createVendor(onboarding.applicationIdOf(execution.getProcessInstanceId()));
    if (creation.existing() != null) {
      execution.setVariable(DUPLICATE_OF_KIND, creation.existing().kind());
      execution.setVariable(DUPLICATE_OF_ID, creation.existing().id());
      throw new BpmnError(
          VENDOR_EXISTS,
          "Vendor "
              + creation.existing().id()
              + " with the same "
              + creation.existing().matchedOn()
              + " exists by now");
    }
    execution.setVariable(VENDOR_ID, creation.vendorId());
  }
}
