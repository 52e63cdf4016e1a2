package io.handoff.vendor.process;

import static io.handoff.vendor.VendorOnboardingVariables.ANNUAL_SPEND;
import static io.handoff.vendor.VendorOnboardingVariables.APPLICATION_ID;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_TEXT;

import io.handoff.vendor.VendorApplicationRequest;
import io.handoff.vendor.VendorOnboarding;
import io.handoff.vendor.VendorOnboardingVariables;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Stores the validated vendor data as an application. The contract text moves to the application
 * table and leaves the process variables, the annual spend stays as text for the forms; the REST
 * intake has chosen the application id already, a form start gets a new one.
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
    VendorApplicationRequest data = VendorOnboardingVariables.vendorData(execution);
    onboarding.register(applicationId, execution.getProcessInstanceId(), data);
    execution.removeVariable(CONTRACT_TEXT);
    // forms show the amount as text; the exact value is kept in the application table
    execution.setVariable(ANNUAL_SPEND, data.annualSpend().toPlainString());
  }
}
