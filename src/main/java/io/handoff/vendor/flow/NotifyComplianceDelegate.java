package io.handoff.vendor.flow;

import io.handoff.vendor.VendorOnboarding;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Tells compliance that an application was stopped by a sanctions hit. */
@Component("notifyCompliance")
public class NotifyComplianceDelegate implements JavaDelegate {

  private final VendorOnboarding onboarding;

  public NotifyComplianceDelegate(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    onboarding.notifySanctionsHit(onboarding.applicationIdOf(execution.getProcessInstanceId()));
  }
}
