package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.MATCHED_ENTRY_ALIASES;
import static io.handoff.vendor.VendorOnboardingVariables.MATCHED_ENTRY_NAME;
import static io.handoff.vendor.VendorOnboardingVariables.MATCHED_ENTRY_PROGRAMME;
import static io.handoff.vendor.VendorOnboardingVariables.MATCHED_ENTRY_REFERENCE;
import static io.handoff.vendor.VendorOnboardingVariables.SCREENING_SCORE;

import io.handoff.vendor.VendorOnboarding;
import io.handoff.vendor.screening.SanctionsEntry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Screens the vendor's legal name against the sanctions list and keeps the best match; the business
 * rule task "Classify screening result" that follows decides what the score means.
 */
@Component("screenSanctions")
public class ScreenSanctionsDelegate implements JavaDelegate {

  private final VendorOnboarding onboarding;

  public ScreenSanctionsDelegate(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void execute(DelegateExecution execution) {
    VendorOnboarding.Screening screening =
        onboarding.screen(onboarding.applicationIdOf(execution.getProcessInstanceId()));
    execution.setVariable(SCREENING_SCORE, screening.score().doubleValue());
    SanctionsEntry entry = screening.entry();
    if (entry != null) {
      execution.setVariable(MATCHED_ENTRY_NAME, screening.matchedName());
      execution.setVariable(MATCHED_ENTRY_REFERENCE, entry.reference());
      execution.setVariable(MATCHED_ENTRY_ALIASES, String.join("; ", entry.names()));
      execution.setVariable(MATCHED_ENTRY_PROGRAMME, entry.programme());
    }
  }
}
