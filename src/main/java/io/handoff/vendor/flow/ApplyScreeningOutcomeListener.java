package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.SCREENING_OUTCOME;
import static io.handoff.vendor.VendorOnboardingVariables.SCREENING_OUTCOME_RESULT;

import io.handoff.vendor.VendorOnboarding;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End of the business rule task "Classify screening result": keeps the sanctions table's outcome
 * (result variable {@code screeningOutcomeResult}) with the application and in the audit trail,
 * sets {@code screeningOutcome} for the gateway and the closing reasons, and drops the raw result.
 */
@Component("applyScreeningOutcome")
public class ApplyScreeningOutcomeListener implements ExecutionListener {

  private static final Set<String> OUTCOMES = Set.of("HIT", "POSSIBLE_MATCH", "CLEAR");

  private final VendorOnboarding onboarding;

  public ApplyScreeningOutcomeListener(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object outcome = RuleResults.take(execution, SCREENING_OUTCOME_RESULT);
    if (!(outcome instanceof String text) || !OUTCOMES.contains(text)) {
      throw new IllegalStateException(
          "Process instance "
              + execution.getProcessInstanceId()
              + ": the sanctions outcome table gave "
              + outcome
              + ", not one of "
              + OUTCOMES);
    }
    onboarding.recordScreeningOutcome(
        onboarding.applicationIdOf(execution.getProcessInstanceId()),
        RuleResults.decisionOf(execution),
        text);
    execution.setVariable(SCREENING_OUTCOME, text);
  }
}
