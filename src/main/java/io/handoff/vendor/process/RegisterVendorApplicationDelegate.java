package io.handoff.vendor.process;

import static io.handoff.vendor.VendorOnboardingVariables.APPLICATION_ID;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_TEXT;

import io.handoff.vendor.VendorOnboarding;
import io.handoff.vendor.VendorOnboardingVariables;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Stores the validated vendor data as an application. The contract text moves to the application
 * table and leaves the process variables; the REST intake has chosen the application id already, a
 * form start gets a new one.
 */
@Component("registerVendorApplication")
public class RegisterVendorApplicationDelegate implements JavaDelegate {

  private final VendorOnboarding onboarding;

  public RegisterVendorApplicationDelegate(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = VendorOnboardingVariables.applicationId(execution);
    if (applicationId == null) {
      applicationId = UUID.randomUUID().toString();
      execution.setVariable(APPLICATION_ID, applicationId);
      execution.setProcessBusinessKey(applicationId);
    }
    onboarding.register(
        applicationId,
        execution.getProcessInstanceId(),
        VendorOnboardingVariables.vendorData(execution));
    execution.removeVariable(CONTRACT_TEXT);
  }
}
