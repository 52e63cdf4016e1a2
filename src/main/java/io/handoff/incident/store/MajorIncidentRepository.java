package io.handoff.incident.store;

import static io.handoff.platform.persistence.SqlTimes.instant;
import static io.handoff.platform.persistence.SqlTimes.timestamp;

import io.handoff.incident.IncidentStatus;
import io.handoff.incident.MajorIncident;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The major incident tables ({@code incident_major}, {@code incident_major_link}). */
@Repository
public class MajorIncidentRepository {

  private final JdbcClient jdbc;

  public MajorIncidentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the declaration; a second declaration of the same incident fails on the key. */
  public void declare(
      String incidentId,
      String declaredBy,
      String reason,
      String declareGroup,
      String stakeholderChannel,
      Instant now) {
    jdbc.sql(
            """
            INSERT INTO incident_major (incident_id, declared_at, declared_by, reason, declare_group,
                stakeholder_channel, updates_sent, last_update_at)
            VALUES (?, ?, ?, ?, ?, ?, 1, ?)
            """)
        .params(
            incidentId,
            timestamp(now),
            declaredBy,
            reason,
            declareGroup,
            stakeholderChannel,
            timestamp(now))
        .update();
  }

  public Optional<MajorIncident> find(String incidentId) {
    return jdbc.sql("SELECT * FROM incident_major WHERE incident_id = ?")
        .param(incidentId)
        .query(MajorIncidentRepository::major)
        .optional();
  }

  public boolean isMajor(String incidentId) {
    return jdbc.sql("SELECT COUNT(*) FROM incident_major WHERE incident_id = ?")
            .param(incidentId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The major incident, not closed, an incident is linked to, if any. */
  public Optional<String> majorOf(String relatedId) {
    return jdbc
        .sql(
            """
            SELECT l.major_id FROM incident_major_link l JOIN incident m ON m.id = l.major_id
            WHERE l.related_id = ? AND m.status <> ? ORDER BY l.linked_at DESC, l.major_id
            """)
        .params(relatedId, IncidentStatus.CLOSED.name())
        .query(String.class)
        .list()
        .stream()
        .findFirst();
  }

  /** Links an incident; false when it was linked to this major incident already. */
  public boolean link(String majorId, String relatedId, String linkedBy, Instant now) {
    boolean linked =
        jdbc.sql("SELECT COUNT(*) FROM incident_major_link WHERE major_id = ? AND related_id = ?")
                .params(majorId, relatedId)
                .query(Long.class)
                .single()
            > 0;
    if (linked) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO incident_major_link (major_id, related_id, linked_by, linked_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(majorId, relatedId, linkedBy, timestamp(now))
        .update();
    return true;
  }

  /**
   * Locks the incident rows until the transaction ends, in one order whoever asks, so that a
   * declaration and a link of the same incidents at the same moment take turns and the second sees
   * what the first wrote.
   */
  public void lock(java.util.Collection<String> incidentIds) {
    incidentIds.stream()
        .distinct()
        .sorted()
        .forEach(
            id ->
                jdbc.sql("SELECT id FROM incident WHERE id = ? FOR UPDATE")
                    .param(id)
                    .query(String.class)
                    .list());
  }

  /**
   * Keeps what a person decided in a major incident's task (step {@code DECISION} or {@code
   * REVIEW}), replacing an earlier one of the same step.
   */
  public void recordDecision(String incidentId, MajorIncident.Decision decision) {
    jdbc.sql("DELETE FROM incident_major_decision WHERE incident_id = ? AND step = ?")
        .params(incidentId, decision.step())
        .update();
    jdbc.sql(
            """
            INSERT INTO incident_major_decision (incident_id, step, task_id, decided_by, decided_in,
                outcome, reason, related, actions, decided_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            incidentId,
            decision.step(),
            decision.taskId(),
            decision.decidedBy(),
            decision.decidedIn(),
            decision.outcome(),
            decision.reason(),
            String.join(",", decision.related()),
            decision.actions(),
            timestamp(decision.decidedAt()))
        .update();
  }

  /** Takes, once, what a person decided in the step's task; empty when nobody did. */
  public Optional<MajorIncident.Decision> takeDecision(String incidentId, String step) {
    Optional<MajorIncident.Decision> decision =
        jdbc.sql("SELECT * FROM incident_major_decision WHERE incident_id = ? AND step = ?")
            .params(incidentId, step)
            .query(
                (rs, n) ->
                    new MajorIncident.Decision(
                        rs.getString("step"),
                        rs.getString("task_id"),
                        rs.getString("decided_by"),
                        rs.getString("decided_in"),
                        rs.getString("outcome"),
                        rs.getString("reason"),
                        io.handoff.incident.MajorIncidentRules.parseIds(rs.getString("related")),
                        rs.getString("actions"),
                        instant(rs, "decided_at")))
            .optional();
    decision.ifPresent(
        d ->
            jdbc.sql("DELETE FROM incident_major_decision WHERE incident_id = ? AND step = ?")
                .params(incidentId, step)
                .update());
    return decision;
  }

  public List<MajorIncident.Related> related(String majorId) {
    return jdbc.sql(
            """
            SELECT l.related_id, i.title, i.status, i.priority, l.linked_by, l.linked_at
            FROM incident_major_link l JOIN incident i ON i.id = l.related_id
            WHERE l.major_id = ? ORDER BY l.linked_at, l.related_id
            """)
        .param(majorId)
        .query(
            (rs, n) ->
                new MajorIncident.Related(
                    rs.getString("related_id"),
                    rs.getString("title"),
                    IncidentStatus.valueOf(rs.getString("status")),
                    rs.getString("priority"),
                    rs.getString("linked_by"),
                    instant(rs, "linked_at")))
        .list();
  }

  public void recordUpdate(String incidentId, Instant now) {
    jdbc.sql(
            "UPDATE incident_major SET updates_sent = updates_sent + 1, last_update_at = ?"
                + " WHERE incident_id = ?")
        .params(timestamp(now), incidentId)
        .update();
  }

  /** The service is restored: the incident waits for its review. */
  public void restored(String incidentId, Instant now) {
    jdbc.sql(
            "UPDATE incident_major SET restored_at = ?, updates_sent = updates_sent + 1,"
                + " last_update_at = ?, reviewed_at = NULL, reviewed_by = NULL"
                + " WHERE incident_id = ?")
        .params(timestamp(now), timestamp(now), incidentId)
        .update();
    jdbc.sql("UPDATE incident SET status = ?, updated_at = ? WHERE id = ?")
        .params(IncidentStatus.AWAITING_REVIEW.name(), timestamp(now), incidentId)
        .update();
  }

  /** The review is done: the incident is RESOLVED again and may close. */
  public void reviewed(
      String incidentId, String reviewedBy, String summary, String actions, Instant now) {
    jdbc.sql(
            "UPDATE incident_major SET reviewed_at = ?, reviewed_by = ?, review_summary = ?,"
                + " review_actions = ? WHERE incident_id = ?")
        .params(timestamp(now), reviewedBy, summary, actions, incidentId)
        .update();
    jdbc.sql("UPDATE incident SET status = ?, updated_at = ? WHERE id = ?")
        .params(IncidentStatus.RESOLVED.name(), timestamp(now), incidentId)
        .update();
  }

  /** Reopened after its review: a new review is needed before it can close. */
  public void reviewNeededAgain(String incidentId) {
    jdbc.sql(
            "UPDATE incident_major SET reviewed_at = NULL, reviewed_by = NULL, restored_at = NULL"
                + " WHERE incident_id = ?")
        .param(incidentId)
        .update();
  }

  private static MajorIncident major(ResultSet rs, int n) throws SQLException {
    return new MajorIncident(
        rs.getString("incident_id"),
        instant(rs, "declared_at"),
        rs.getString("declared_by"),
        rs.getString("reason"),
        rs.getString("declare_group"),
        rs.getString("stakeholder_channel"),
        rs.getInt("updates_sent"),
        instant(rs, "last_update_at"),
        instant(rs, "restored_at"),
        instant(rs, "reviewed_at"),
        rs.getString("reviewed_by"),
        rs.getString("review_summary"),
        rs.getString("review_actions"));
  }
}
