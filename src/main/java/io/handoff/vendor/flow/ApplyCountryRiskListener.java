package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.COUNTRY_RISK;
import static io.handoff.vendor.VendorOnboardingVariables.COUNTRY_RISK_RESULT;

import io.handoff.vendor.VendorOnboarding;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End of the business rule task "Assess country risk": keeps the country table's answer (result
 * variable {@code countryRiskResult}) with the application, sets {@code countryRisk} for the
 * approval form, and drops the raw result.
 */
@Component("applyCountryRisk")
public class ApplyCountryRiskListener implements ExecutionListener {

  private final VendorOnboarding onboarding;

  public ApplyCountryRiskListener(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String countryRisk = RuleResults.text(execution, COUNTRY_RISK_RESULT, "the country table");
    onboarding.recordCountryRisk(
        onboarding.applicationIdOf(execution.getProcessInstanceId()), countryRisk);
    execution.setVariable(COUNTRY_RISK, countryRisk);
  }
}
