package io.handoff.vendor;

import io.handoff.platform.decision.Rules;
import io.handoff.vendor.store.ApprovalTasks;
import io.handoff.vendor.store.DecisionAudit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The escalation path of an approval group, from the DMN decision {@value #DECISION}: levels in
 * rule order, each a lead (a user) or a group. An approval goes one level up the path when the
 * escalation timer fires, and at once when segregation of duties leaves nobody in its group who may
 * decide it. A level whose lead may not decide (the requester, an earlier approver, an unknown
 * user) or whose group has nobody who may is skipped.
 */
@Service
public class ApprovalEscalation {

  /**
   * The DMN decision that holds every group's escalation path, as the approval and escalation steps
   * of the shipped model name it (camunda:property {@code decision}).
   */
  public static final String DECISION = "vendor-approval-escalation";

  /** Escalated because nobody in the group may decide the approval. */
  public static final String NO_ELIGIBLE_APPROVER = "NO_ELIGIBLE_APPROVER";

  /** Escalated because the approval was not decided in time. */
  public static final String NO_DECISION_IN_TIME = "NO_DECISION_IN_TIME";

  private static final Logger log = LoggerFactory.getLogger(ApprovalEscalation.class);

  private final Rules rules;
  private final SegregationOfDuties sod;
  private final ApprovalTasks approvalTasks;
  private final DecisionAudit audit;
  private final VendorNotifications notifications;
  private final TaskService taskService;

  public ApprovalEscalation(
      Rules rules,
      SegregationOfDuties sod,
      ApprovalTasks approvalTasks,
      DecisionAudit audit,
      VendorNotifications notifications,
      TaskService taskService) {
    this.rules = rules;
    this.sod = sod;
    this.approvalTasks = approvalTasks;
    this.audit = audit;
    this.notifications = notifications;
    this.taskService = taskService;
  }

  /**
   * One level of a group's escalation path.
   *
   * @param level its number, as the DMN table gives it
   * @param user the lead, or null
   * @param group the group, or null
   */
  public record Level(int level, String user, String group) {}

  /** The escalation path of a group in the shipped table, in the order of its rules. */
  public List<Level> pathOf(String processInstanceId, String approvalGroup) {
    return pathOf(processInstanceId, DECISION, approvalGroup);
  }

  /** The escalation path of a group in the given table, in the order of its rules. */
  public List<Level> pathOf(String processInstanceId, String decision, String approvalGroup) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("approvalGroup", approvalGroup);
    List<Level> path = new ArrayList<>();
    for (DmnDecisionResultEntries entry :
        rules.evaluate(processInstanceId, decision, inputs, null)) {
      // an empty output cell is absent from the entries
      Number level = (Number) entry.get("escalationLevel");
      String user = (String) entry.get("escalateToUser");
      String group = (String) entry.get("escalateToGroup");
      path.add(
          new Level(
              level == null ? path.size() + 1 : level.intValue(),
              blankToNull(user),
              blankToNull(group)));
    }
    return path;
  }

  /** Where a task goes: a task being created (its listener) or a task already in the engine. */
  public interface Target {
    String taskId();

    void assignTo(String user);

    void offerTo(String group);
  }

  /** The task a create listener is running for. */
  public static Target of(DelegateTask task) {
    return new Target() {
      @Override
      public String taskId() {
        return task.getId();
      }

      @Override
      public void assignTo(String user) {
        task.addCandidateUser(user);
        task.setAssignee(user);
      }

      @Override
      public void offerTo(String group) {
        task.addCandidateGroup(group);
      }
    };
  }

  /** A task of the engine, changed as a step of the process (not as the current user). */
  public Target of(String taskId) {
    return new Target() {
      @Override
      public String taskId() {
        return taskId;
      }

      @Override
      public void assignTo(String user) {
        Rules.asProcess(
            () -> {
              taskService.addCandidateUser(taskId, user);
              // assigned, so it is in the lead's "My tasks"; the lead may hand it back
              taskService.setAssignee(taskId, user);
              return null;
            });
      }

      @Override
      public void offerTo(String group) {
        Rules.asProcess(
            () -> {
              taskService.addCandidateGroup(taskId, group);
              return null;
            });
      }
    };
  }

  /**
   * Escalates the approval at once when nobody may decide it where it is: nobody in its group (if
   * not escalated yet), or its lead or escalation group no longer (e.g. the lead has approved for
   * another group since). Returns the level it went to.
   */
  public Optional<Level> escalateIfStranded(
      VendorApplication a, String taskId, Target target, String decision) {
    ApprovalTasks.ApprovalTask t = approvalTasks.get(taskId);
    boolean stranded;
    if (!t.escalated()) {
      stranded = sod.eligibleMembers(a, t.group()).isEmpty();
    } else if (t.escalatedToUser() != null) {
      stranded = !sod.mayDecide(a, t.group(), t.escalatedToUser());
    } else {
      stranded =
          t.escalatedToGroup() != null
              && sod.eligibleMembers(a, t.escalatedToGroup()).isEmpty()
              && sod.eligibleMembers(a, t.group()).isEmpty();
    }
    if (!stranded) {
      return Optional.empty();
    }
    return escalate(a, t, target, NO_ELIGIBLE_APPROVER, decision);
  }

  /** Escalates a stalled approval one level up its path (the escalation timer). */
  public Optional<Level> escalateStalled(VendorApplication a, String taskId, String decision) {
    return escalate(a, approvalTasks.get(taskId), of(taskId), NO_DECISION_IN_TIME, decision);
  }

  private Optional<Level> escalate(
      VendorApplication a,
      ApprovalTasks.ApprovalTask t,
      Target target,
      String reason,
      String decision) {
    int current = t.escalationLevel() == null ? 0 : t.escalationLevel();
    List<Level> path = pathOf(a.processInstanceId(), decision, t.group());
    List<Map<String, Object>> skipped = new ArrayList<>();
    for (Level level : path) {
      if (level.level() <= current) {
        continue;
      }
      Optional<String> why = unfit(a, t.group(), level);
      if (why.isPresent()) {
        skipped.add(skip(level, why.get()));
        continue;
      }
      if (level.user() != null) {
        target.assignTo(level.user());
      } else {
        target.offerTo(level.group());
      }
      approvalTasks.escalate(t.taskId(), level.user(), level.group(), level.level(), reason);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("group", t.group());
      details.put("taskId", t.taskId());
      details.put("reason", reason);
      details.put("level", level.level());
      if (level.user() != null) {
        details.put("lead", level.user());
      } else {
        details.put("escalationGroup", level.group());
      }
      details.put("skipped", skipped);
      details.put("decision", decision);
      audit.record(
          a.applicationId(),
          DecisionAudit.APPROVAL_ESCALATION,
          DecisionAudit.PLATFORM,
          "ESCALATED",
          details);
      log.info(
          "Process instance {}: approval for {} escalated to level {} ({}) because {}",
          a.processInstanceId(),
          t.group(),
          level.level(),
          level.user() != null ? level.user() : "group " + level.group(),
          reason);
      if (level.user() != null) {
        notifyLead(a, t.group(), level.user());
      }
      return Optional.of(level);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("group", t.group());
    details.put("taskId", t.taskId());
    details.put("reason", reason);
    details.put("skipped", skipped);
    details.put("decision", decision);
    audit.record(
        a.applicationId(),
        DecisionAudit.APPROVAL_ESCALATION,
        DecisionAudit.PLATFORM,
        "NO_LEAD",
        details);
    log.warn(
        "Process instance {}: approval for {} could not be escalated ({}): no level of {} may"
            + " decide it",
        a.processInstanceId(),
        t.group(),
        reason,
        decision);
    return Optional.empty();
  }

  private Optional<String> unfit(VendorApplication a, String group, Level level) {
    if (level.user() != null) {
      if (!sod.userExists(level.user())) {
        return Optional.of("no such user");
      }
      return sod.refusal(a, group, level.user());
    }
    if (level.group() == null) {
      return Optional.of("names neither a lead nor a group");
    }
    if (sod.eligibleMembers(a, level.group()).isEmpty()) {
      return Optional.of("nobody in group " + level.group() + " may decide it");
    }
    return Optional.empty();
  }

  private static Map<String, Object> skip(Level level, String why) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("level", level.level());
    s.put(
        level.user() != null ? "lead" : "escalationGroup",
        level.user() != null ? level.user() : level.group());
    s.put("why", why);
    return s;
  }

  /**
   * The lead's e-mail goes to the notification outbox in the escalation's own transaction: written
   * when the escalation commits, gone when it rolls back, delivered afterwards whatever the mail
   * server's state.
   */
  private void notifyLead(VendorApplication a, String group, String lead) {
    notifications.approvalEscalated(a, group, lead);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
