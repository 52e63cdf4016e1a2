package io.handoff.vendor.store;

import io.handoff.platform.engine.EngineClock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The approvers' decisions on an application ({@code vendor_approval}). */
@Repository
public class Approvals {

  /** One group's decision. */
  public record Approval(
      String group, String userId, String outcome, String reason, Instant decidedAt) {}

  private final JdbcClient jdbc;

  public Approvals(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(
      String applicationId, String group, String userId, String outcome, String reason) {
    jdbc.sql(
            """
            INSERT INTO vendor_approval (application_id, approval_group, user_id, outcome, reason,
              decided_at) VALUES (:id, :group, :user, :outcome, :reason, :at)
            """)
        .param("id", applicationId)
        .param("group", group)
        .param("user", userId)
        .param("outcome", outcome)
        .param("reason", reason)
        .param("at", EngineClock.timestamp())
        .update();
  }

  public List<Approval> of(String applicationId) {
    return jdbc.sql(
            """
            SELECT approval_group, user_id, outcome, reason, decided_at FROM vendor_approval
            WHERE application_id = :id ORDER BY approval_id
            """)
        .param("id", applicationId)
        .query(
            (rs, i) ->
                new Approval(
                    rs.getString("approval_group"),
                    rs.getString("user_id"),
                    rs.getString("outcome"),
                    rs.getString("reason"),
                    rs.getTimestamp("decided_at").toInstant()))
        .list();
  }
}
