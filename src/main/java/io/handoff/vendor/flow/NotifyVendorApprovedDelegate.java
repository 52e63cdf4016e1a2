package io.handoff.vendor.flow;

import io.handoff.vendor.VendorOnboarding;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** E-mails requester and vendor contact that the vendor has been created. */
@Component("notifyVendorApproved")
public class NotifyVendorApprovedDelegate implements JavaDelegate {

  private final VendorOnboarding onboarding;

  public NotifyVendorApprovedDelegate(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    onboarding.notifyApproved(onboarding.applicationIdOf(execution.getProcessInstanceId()));
  }
}
