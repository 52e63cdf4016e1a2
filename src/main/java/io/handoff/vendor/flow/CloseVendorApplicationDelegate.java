package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.CLOSING_REASON;
import static io.handoff.vendor.VendorOnboardingVariables.FINAL_STATUS;

import io.handoff.platform.engine.ProcessVariables;
import io.handoff.vendor.ApplicationStatus;
import io.handoff.vendor.VendorOnboarding;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Ends an application without a vendor; input parameters {@code finalStatus} (REJECTED, DUPLICATE,
 * BLOCKED_SANCTIONS) and {@code closingReason}.
 */
@Component("closeVendorApplication")
public class CloseVendorApplicationDelegate implements JavaDelegate {

  private final VendorOnboarding onboarding;

  public CloseVendorApplicationDelegate(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    onboarding.close(
        onboarding.applicationIdOf(execution.getProcessInstanceId()),
        ApplicationStatus.valueOf(ProcessVariables.string(execution, FINAL_STATUS)),
        ProcessVariables.string(execution, CLOSING_REASON));
  }
}
