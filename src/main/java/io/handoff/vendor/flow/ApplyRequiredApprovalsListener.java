package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_REJECTED;
import static io.handoff.vendor.VendorOnboardingVariables.REQUIRED_APPROVALS;
import static io.handoff.vendor.VendorOnboardingVariables.REQUIRED_APPROVALS_RESULT;

import io.handoff.vendor.VendorOnboarding;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End of the business rule task "Determine required approvals": keeps the groups the table
 * collected (result variable {@code requiredApprovalsResult}) with the application, which now
 * awaits their approvals, sets {@code requiredApprovals} for the forms, and drops the raw result.
 * The approval task reads its groups from the application, not from the variable.
 */
@Component("applyRequiredApprovals")
public class ApplyRequiredApprovalsListener implements ExecutionListener {

  private final VendorOnboarding onboarding;

  public ApplyRequiredApprovalsListener(VendorOnboarding onboarding) {
    this.onboarding = onboarding;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object result = RuleResults.take(execution, REQUIRED_APPROVALS_RESULT);
    if (!(result instanceof List<?> collected)) {
      throw new IllegalStateException(
          "Process instance "
              + execution.getProcessInstanceId()
              + ": the required-approvals table gave no list of groups but "
              + result);
    }
    List<String> groups =
        onboarding.recordRequiredApprovals(
            onboarding.applicationIdOf(execution.getProcessInstanceId()), collected);
    execution.setVariable(REQUIRED_APPROVALS, new ArrayList<>(groups));
    execution.setVariable(APPROVAL_REJECTED, false);
  }
}
