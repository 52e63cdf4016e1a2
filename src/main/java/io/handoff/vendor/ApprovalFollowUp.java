package io.handoff.vendor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
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
  private final VendorProperties properties;

  public ApprovalFollowUp(
      TaskService taskService,
      VendorApplications applications,
      VendorNotifications notifications,
      DecisionAudit audit,
      VendorProperties properties) {
    this.taskService = taskService;
    this.applications = applications;
    this.notifications = notifications;
    this.audit = audit;
    this.properties = properties;
  }

  /** An open approval task and the group it is for. */
  record OpenApproval(Task task, String group) {}

  /** Reminds each group whose approval is still open; returns the groups reminded. */
  public List<String> remind(String applicationId, String processInstanceId, String taskKey) {
    VendorApplication a = applications.get(applicationId);
    List<String> groups = new ArrayList<>();
    for (OpenApproval open : openApprovals(processInstanceId, taskKey)) {
      notifications.approvalReminder(a, open.group());
      groups.add(open.group());
    }
    audit.record(
        applicationId,
        "APPROVAL_REMINDER",
        DecisionAudit.PLATFORM,
        "SENT",
        Map.of("groups", groups));
    log.info("Approval reminder for process instance {} sent to {}", processInstanceId, groups);
    return groups;
  }

  /**
   * Hands each open approval to the lead of its group ({@code handoff.vendor.group-leads}): the
   * lead becomes candidate user and assignee, and is told by e-mail; returns group to lead for
   * those escalated.
   */
  public Map<String, String> escalate(
      String applicationId, String processInstanceId, String taskKey) {
    VendorApplication a = applications.get(applicationId);
    Map<String, String> escalated = new LinkedHashMap<>();
    for (OpenApproval open : openApprovals(processInstanceId, taskKey)) {
      String lead = properties.groupLeads().get(open.group());
      if (lead == null || lead.isBlank()) {
        log.warn(
            "No lead configured for group {}; approval in process instance {} not escalated",
            open.group(),
            processInstanceId);
        continue;
      }
      taskService.addCandidateUser(open.task().getId(), lead);
      // assigned, so the task is in the lead's "My tasks"; the lead may hand it back to the group
      taskService.setAssignee(open.task().getId(), lead);
      notifications.approvalEscalated(a, open.group(), lead);
      escalated.put(open.group(), lead);
    }
    audit.record(
        applicationId,
        "APPROVAL_ESCALATION",
        DecisionAudit.PLATFORM,
        escalated.isEmpty() ? "NO_LEAD" : "ESCALATED",
        Map.of("leads", escalated));
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
      for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
          result.add(new OpenApproval(task, link.getGroupId()));
        }
      }
    }
    return result;
  }
}
