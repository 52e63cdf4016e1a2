package io.handoff.vendor.store;

import io.handoff.platform.engine.EngineClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The approval tasks of each application and the group each is for ({@code vendor_approval_task}),
 * written when the engine creates the task, and where a task was escalated to. Controls read the
 * group from here, never from the task's {@code approvalGroup} variable.
 */
@Repository
public class ApprovalTasks {

  /**
   * One approval task.
   *
   * @param escalatedToUser the lead it was handed to, if any
   * @param escalatedToGroup the group it was handed to (the last level), if any
   * @param escalationLevel the level of the escalation path it is at, null while with its group
   * @param escalationReason {@code NO_ELIGIBLE_APPROVER} (segregation of duties left nobody in the
   *     group) or {@code NO_DECISION_IN_TIME} (the escalation timer)
   */
  public record ApprovalTask(
      String taskId,
      String applicationId,
      String processInstanceId,
      String group,
      String escalatedToUser,
      String escalatedToGroup,
      Integer escalationLevel,
      String escalationReason,
      Instant createdAt,
      Instant escalatedAt) {

    public boolean escalated() {
      return escalationLevel != null;
    }
  }

  private final JdbcClient jdbc;

  public ApprovalTasks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(
      String taskId, String applicationId, String processInstanceId, String approvalGroup) {
    jdbc.sql(
            """
            INSERT INTO vendor_approval_task (task_id, application_id, process_instance_id,
              approval_group, created_at) VALUES (:task, :app, :pi, :group, :at)
            """)
        .param("task", taskId)
        .param("app", applicationId)
        .param("pi", processInstanceId)
        .param("group", approvalGroup)
        .param("at", EngineClock.timestamp())
        .update();
  }

  public Optional<ApprovalTask> find(String taskId) {
    return jdbc.sql("SELECT * FROM vendor_approval_task WHERE task_id = :task")
        .param("task", taskId)
        .query(ApprovalTasks::map)
        .optional();
  }

  public ApprovalTask get(String taskId) {
    return find(taskId)
        .orElseThrow(() -> new IllegalStateException("task " + taskId + " is no vendor approval"));
  }

  /** Every approval task of the application, oldest first. */
  public List<ApprovalTask> ofApplication(String applicationId) {
    return jdbc.sql(
            "SELECT * FROM vendor_approval_task WHERE application_id = :app"
                + " ORDER BY created_at, task_id")
        .param("app", applicationId)
        .query(ApprovalTasks::map)
        .list();
  }

  public void escalate(String taskId, String user, String group, int level, String reason) {
    jdbc.sql(
            """
            UPDATE vendor_approval_task SET escalated_to_user = :user, escalated_to_group = :group,
              escalation_level = :level, escalation_reason = :reason, escalated_at = :at
            WHERE task_id = :task
            """)
        .param("user", user)
        .param("group", group)
        .param("level", level)
        .param("reason", reason)
        .param("at", EngineClock.timestamp())
        .param("task", taskId)
        .update();
  }

  private static ApprovalTask map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    java.sql.Timestamp escalatedAt = rs.getTimestamp("escalated_at");
    Object level = rs.getObject("escalation_level");
    return new ApprovalTask(
        rs.getString("task_id"),
        rs.getString("application_id"),
        rs.getString("process_instance_id"),
        rs.getString("approval_group"),
        rs.getString("escalated_to_user"),
        rs.getString("escalated_to_group"),
        level == null ? null : ((Number) level).intValue(),
        rs.getString("escalation_reason"),
        rs.getTimestamp("created_at").toInstant(),
        escalatedAt == null ? null : escalatedAt.toInstant());
  }
}
