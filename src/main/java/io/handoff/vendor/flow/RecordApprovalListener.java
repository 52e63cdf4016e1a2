package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_DECISION;
import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_REASON;
import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_REJECTED;
import static io.handoff.vendor.VendorOnboardingVariables.REJECTION_REASON;

import io.handoff.platform.decision.DeclaredDecision;
import io.handoff.platform.decision.Rules;
import io.handoff.platform.engine.ProcessVariables;
import io.handoff.platform.governance.People;
import io.handoff.vendor.ApprovalEscalation;
import io.handoff.vendor.SegregationOfDuties;
import io.handoff.vendor.VendorApplication;
import io.handoff.vendor.VendorOnboarding;
import io.handoff.vendor.store.ApprovalTasks;
import io.handoff.vendor.store.VendorApplications;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Records one group's approval decision when its task is completed. Segregation of duties first:
 * neither the user completing it (the engine's current authentication) nor the task's assignee may
 * have requested the application or decided on it already, whether or not they claimed the task.
 * The group is the one recorded when the task was created. A rejection ends the approvals (the
 * completion condition reads the approvals table). After an approval, an open approval of another
 * group in which this approver was the last one who could decide goes at once to its escalation
 * path.
 */
@Component("recordApproval")
public class RecordApprovalListener implements TaskListener {

  /** Who decided, when a task is completed with neither a login nor an assignee. */
  private static final String UNKNOWN_DECIDER = "unknown";

  private final VendorOnboarding onboarding;
  private final VendorApplications applications;
  private final ApprovalTasks approvalTasks;
  private final SegregationOfDuties sod;
  private final ApprovalEscalation escalation;
  private final TaskService taskService;
  private final People people;

  public RecordApprovalListener(
      VendorOnboarding onboarding,
      VendorApplications applications,
      ApprovalTasks approvalTasks,
      SegregationOfDuties sod,
      ApprovalEscalation escalation,
      TaskService taskService,
      People people) {
    this.onboarding = onboarding;
    this.applications = applications;
    this.approvalTasks = approvalTasks;
    this.sod = sod;
    this.escalation = escalation;
    this.taskService = taskService;
    this.people = people;
  }

  @Override
  public void notify(DelegateTask task) {
    VendorApplication a = applications.ofProcess(task.getProcessInstanceId());
    String group = approvalTasks.get(task.getId()).group();
    for (String actor : people.actorsOn(task)) {
      sod.check(a, task.getId(), group, actor, EVENTNAME_COMPLETE);
    }
    String decision = ProcessVariables.string(task, APPROVAL_DECISION);
    if (!"APPROVED".equals(decision) && !"REJECTED".equals(decision)) {
      throw new IllegalArgumentException(
          APPROVAL_DECISION + " must be APPROVED or REJECTED, not " + decision);
    }
    String reason = ProcessVariables.string(task, APPROVAL_REASON);
    String userId = people.deciderOn(task).orElse(UNKNOWN_DECIDER);
    onboarding.recordApproval(a, task.getId(), group, userId, decision, reason);
    if ("REJECTED".equals(decision)) {
      // mirrors for the forms; the flow reads the approvals table
      task.getExecution().setVariable(APPROVAL_REJECTED, true);
      task.getExecution()
          .setVariable(
              REJECTION_REASON,
              "Rejected by " + userId + " for " + group + (reason == null ? "" : ": " + reason));
      return;
    }
    for (ApprovalTasks.ApprovalTask other : approvalTasks.ofApplication(a.applicationId())) {
      if (!other.taskId().equals(task.getId()) && isOpen(other.taskId())) {
        escalation.escalateIfStranded(
            a, other.taskId(), escalation.of(other.taskId()), DeclaredDecision.of(task));
      }
    }
  }

  private boolean isOpen(String taskId) {
    return Rules.asProcess(() -> taskService.createTaskQuery().taskId(taskId).count()) > 0;
  }
}
