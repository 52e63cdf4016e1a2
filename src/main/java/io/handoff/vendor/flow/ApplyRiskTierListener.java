package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.RISK_TIER;
import static io.handoff.vendor.VendorOnboardingVariables.RISK_TIER_RESULT;

import io.handoff.vendor.VendorOnboarding;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End of the business rule task "Assess risk tier": keeps the risk tier table's answer (result
 * variable {@code riskTierResult}) with the application, sets {@code riskTier} for the approval
 * form, and drops the raw result.
 */
@Component("applyRiskTier")
public class ApplyRiskTierListener implements ExecutionListener {

  private final VendorOnboarding onboarding;

  public ApplyRiskTierListener(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String tier = RuleResults.text(execution, RISK_TIER_RESULT, "the risk tier table");
    onboarding.recordRiskTier(onboarding.applicationIdOf(execution.getProcessInstanceId()), tier);
    execution.setVariable(RISK_TIER, tier);
  }
}
