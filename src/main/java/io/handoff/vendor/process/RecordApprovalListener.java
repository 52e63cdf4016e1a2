package io.handoff.vendor.process;

import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_DECISION;
import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_GROUP;
import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_REASON;
import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_REJECTED;
import static io.handoff.vendor.VendorOnboardingVariables.REJECTION_REASON;

import io.handoff.vendor.VendorOnboarding;
import io.handoff.vendor.VendorOnboardingVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Records one group's approval decision when its task is completed. A rejection sets {@code
 * approvalRejected}, which completes the multi-instance approval at once, and the reason. The
 * requester of an application cannot approve it: the completion fails.
 */
@Component("recordApproval")
public class RecordApprovalListener implements TaskListener {

  private final VendorOnboarding onboarding;
  private final TaskUsers users;

  public RecordApprovalListener(VendorOnboarding onboarding, TaskUsers users) {
    this.onboarding = onboarding;
    this.users = users;
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = VendorOnboardingVariables.string(task, APPROVAL_DECISION);
    if (!"APPROVED".equals(decision) && !"REJECTED".equals(decision)) {
      throw new IllegalArgumentException(
          APPROVAL_DECISION + " must be APPROVED or REJECTED, not " + decision);
    }
    String group = VendorOnboardingVariables.string(task, APPROVAL_GROUP);
    String reason = VendorOnboardingVariables.string(task, APPROVAL_REASON);
    String userId = users.completedBy(task);
    onboarding.recordApproval(
        VendorOnboardingVariables.applicationId(task), group, userId, decision, reason);
    if ("REJECTED".equals(decision)) {
      task.getExecution().setVariable(APPROVAL_REJECTED, true);
      task.getExecution()
          .setVariable(
              REJECTION_REASON,
              "Rejected by " + userId + " for " + group + (reason == null ? "" : ": " + reason));
    }
  }
}
