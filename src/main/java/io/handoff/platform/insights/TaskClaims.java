package io.handoff.platform.insights;

import io.handoff.platform.engine.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When each user task was first claimed ({@code insight_task_claim}): the end of its waiting time
 * and the start of its working time. Written by a task listener on {@code assignment} that {@link
 * InsightsPlugin} adds to every user task, in the transaction of the claim; later assignments (a
 * hand-over, an escalation that releases the claim and a new claim) keep the first.
 */
@Repository
public class TaskClaims implements TaskListener {

  private final JdbcClient jdbc;

  public TaskClaims(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void notify(DelegateTask task) {
    if (task.getAssignee() == null || task.getId() == null) {
      return;
    }
    jdbc.sql(
            """
            INSERT INTO insight_task_claim (task_id, process_instance_id, activity_id, assignee,
              claimed_at)
            SELECT :task, :instance, :activity, :assignee, :at FROM (SELECT 1 AS one) x
            WHERE NOT EXISTS (SELECT 1 FROM insight_task_claim WHERE task_id = :task)
            """)
        .param("task", task.getId())
        .param("instance", task.getProcessInstanceId())
        .param("activity", task.getTaskDefinitionKey())
        .param("assignee", task.getAssignee())
        .param("at", EngineClock.timestamp())
        .update();
  }
}
