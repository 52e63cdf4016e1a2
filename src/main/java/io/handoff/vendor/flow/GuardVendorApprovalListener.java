package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_GROUP;

import io.handoff.platform.decision.DeclaredDecision;
import io.handoff.platform.engine.ProcessVariables;
import io.handoff.vendor.ApprovalEscalation;
import io.handoff.vendor.SegregationOfDuties;
import io.handoff.vendor.VendorApplication;
import io.handoff.vendor.store.ApprovalTasks;
import io.handoff.vendor.store.VendorApplications;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Guards "Approve vendor" from its creation on.
 *
 * <ul>
 *   <li>{@code create}: records which group the task is for (the engine has just set {@code
 *       approvalGroup} from the application's required approvals), and when segregation of duties
 *       leaves nobody in that group who may decide, hands the task at once to the group's
 *       escalation path.
 *   <li>{@code assignment} (claim, assignment, delegation, escalation): refuses an assignee who
 *       requested the application or already decided on it for another group.
 * </ul>
 *
 * The completion is guarded by {@link RecordApprovalListener}.
 */
@Component("guardVendorApproval")
public class GuardVendorApprovalListener implements TaskListener {

  private final VendorApplications applications;
  private final ApprovalTasks approvalTasks;
  private final SegregationOfDuties sod;
  private final ApprovalEscalation escalation;

  public GuardVendorApprovalListener(
      VendorApplications applications,
      ApprovalTasks approvalTasks,
      SegregationOfDuties sod,
      ApprovalEscalation escalation) {
    this.applications = applications;
    this.approvalTasks = approvalTasks;
    this.sod = sod;
    this.escalation = escalation;
  }

  @Override
  public void notify(DelegateTask task) {
    VendorApplication a = applications.ofProcess(task.getProcessInstanceId());
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      String group = ProcessVariables.string(task, APPROVAL_GROUP);
      approvalTasks.insert(task.getId(), a.applicationId(), a.processInstanceId(), group);
      escalation.escalateIfStranded(
          a, task.getId(), ApprovalEscalation.of(task), DeclaredDecision.of(task));
      return;
    }
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName()) && task.getAssignee() != null) {
      String group = approvalTasks.get(task.getId()).group();
      sod.check(a, task.getId(), group, task.getAssignee(), EVENTNAME_ASSIGNMENT);
    }
  }
}
