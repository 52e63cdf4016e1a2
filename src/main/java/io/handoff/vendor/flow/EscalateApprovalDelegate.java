package io.handoff.vendor.flow;

import io.handoff.platform.decision.DeclaredDecision;
import io.handoff.platform.engine.ProcessVariables;
import io.handoff.vendor.ApprovalFollowUp;
import io.handoff.vendor.VendorOnboardingVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Escalates every still-open approval task ({@code approvalTask} input) one level up its path. */
@Component("escalateApproval")
public class EscalateApprovalDelegate implements JavaDelegate {

  private final ApprovalFollowUp followUp;

  public EscalateApprovalDelegate(ApprovalFollowUp followUp) {
    this.followUp = followUp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    followUp.escalate(
        execution.getProcessInstanceId(),
        ProcessVariables.string(execution, VendorOnboardingVariables.APPROVAL_TASK),
        DeclaredDecision.of(execution));
  }
}
