package io.handoff.vendor.flow;

import io.handoff.platform.engine.ProcessVariables;
import io.handoff.vendor.ApprovalFollowUp;
import io.handoff.vendor.VendorOnboardingVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reminds every group whose approval task ({@code approvalTask} input) is still open. */
@Component("remindApprovers")
public class RemindApproversDelegate implements JavaDelegate {

  private final ApprovalFollowUp followUp;

  public RemindApproversDelegate(ApprovalFollowUp followUp) {
    this.followUp = followUp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    followUp.remind(
        execution.getProcessInstanceId(),
        ProcessVariables.string(execution, VendorOnboardingVariables.APPROVAL_TASK));
  }
}
