package io.handoff.vendor;

import io.handoff.vendor.store.ApprovalTasks;
import io.handoff.vendor.store.DecisionAudit;
import io.handoff.vendor.store.VendorApplications;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reminders and escalation for approvals that stall: each open approval task of the process
 * instance is followed up with its own group.
 */
@Service
public class ApprovalFollowUp {

  private static final Logger log = LoggerFactory.getLogger(ApprovalFollowUp.class);

  private final TaskService taskService;
  private final VendorApplications applications;
  private final VendorNotifications notifications;
  private final DecisionAudit audit;
  private final ApprovalEscalation escalation;
  private final ApprovalTasks approvalTasks;

  public ApprovalFollowUp(
      TaskService taskService,
      VendorApplications applications,
      VendorNotifications notifications,
      DecisionAudit audit,
      ApprovalEscalation escalation,
      ApprovalTasks approvalTasks) {
    this.taskService = taskService;
    this.applications = applications;
    this.notifications = notifications;
    this.audit = audit;
    this.escalation = escalation;
    this.approvalTasks = approvalTasks;
  }

  /** An open approval task and the group it is for. */
  record OpenApproval(Task task, String group) {}

  /** Reminds each group whose approval is still open; returns the groups reminded. */
  public List<String> remind(String processInstanceId, String taskKey) {
    VendorApplication a = applications.ofProcess(processInstanceId);
    List<String> groups = new ArrayList<>();
    for (OpenApproval open : openApprovals(processInstanceId, taskKey)) {
      notifications.approvalReminder(a, open.group());
      groups.add(open.group());
    }
    audit.record(
        a.applicationId(),
        "APPROVAL_REMINDER",
        DecisionAudit.PLATFORM,
        "SENT",
        Map.of("groups", groups));
    log.info("Approval reminder for process instance {} sent to {}", processInstanceId, groups);
    return groups;
  }

  /**
   * Hands each open approval one level up its group's escalation path in the given DMN table (the
   * one the escalation step names): a lead becomes candidate user and assignee and is told by
   * e-mail, a group becomes candidate group; returns group to lead or group for those escalated.
   */
  public Map<String, String> escalate(String processInstanceId, String taskKey, String decision) {
    VendorApplication a = applications.ofProcess(processInstanceId);
    Map<String, String> escalated = new LinkedHashMap<>();
    for (OpenApproval open : openApprovals(processInstanceId, taskKey)) {
      escalation
          .escalateStalled(a, open.task().getId(), decision)
          .ifPresent(
              level ->
                  escalated.put(open.group(), level.user() != null ? level.user() : level.group()));
    }
    log.info("Approvals of process instance {} escalated to {}", processInstanceId, escalated);
    return escalated;
  }

  private List<OpenApproval> openApprovals(String processInstanceId, String taskKey) {
    List<OpenApproval> result = new ArrayList<>();
    for (Task task :
        taskService
            .createTaskQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKey(taskKey)
            .list()) {
      approvalTasks
          .find(task.getId())
          .ifPresent(t -> result.add(new OpenApproval(task, t.group())));
    }
    return result;
  }
}
