package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_REJECTED;
import static io.handoff.vendor.VendorOnboardingVariables.COUNTRY_RISK;
import static io.handoff.vendor.VendorOnboardingVariables.REQUIRED_APPROVALS;
import static io.handoff.vendor.VendorOnboardingVariables.RISK_TIER;
import static io.handoff.vendor.VendorOnboardingVariables.SCREENING_OUTCOME;

import io.handoff.platform.engine.ProcessVariables;
import io.handoff.vendor.VendorOnboarding;
import io.handoff.vendor.VendorOnboardingVariables;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Decides country risk, risk tier and the required approval groups with the DMN decisions named by
 * the input parameters {@code countryRiskDecision}, {@code riskTierDecision} and {@code
 * approvalsDecision}.
 */
@Component("assessVendorRisk")
public class AssessVendorRiskDelegate implements JavaDelegate {

  private final VendorOnboarding onboarding;

  public AssessVendorRiskDelegate(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    VendorOnboarding.RiskAssessment risk =
        onboarding.assessRisk(
            onboarding.applicationIdOf(execution.getProcessInstanceId()),
            ProcessVariables.string(execution, SCREENING_OUTCOME),
            ProcessVariables.string(execution, VendorOnboardingVariables.COUNTRY_RISK_DECISION),
            ProcessVariables.string(execution, VendorOnboardingVariables.RISK_TIER_DECISION),
            ProcessVariables.string(execution, VendorOnboardingVariables.APPROVALS_DECISION));
    execution.setVariable(COUNTRY_RISK, risk.countryRisk());
    execution.setVariable(RISK_TIER, risk.riskTier());
    execution.setVariable(REQUIRED_APPROVALS, new ArrayList<>(risk.requiredApprovals()));
    execution.setVariable(APPROVAL_REJECTED, false);
  }
}
