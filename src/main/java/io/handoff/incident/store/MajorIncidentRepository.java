package io.handoff.incident.store;

import io.handoff.incident.IncidentStatus;
import io.handoff.incident.MajorIncident;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
        .params(incidentId, ts(now), declaredBy, reason, declareGroup, stakeholderChannel, ts(now))
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

  /** The major incident an incident is linked to, if any. */
  public Optional<String> majorOf(String relatedId) {
    return jdbc.sql("SELECT major_id FROM incident_major_link WHERE related_id = ?")
        .param(relatedId)
        .query(String.class)
        .optional();
  }

  /** Links an incident; false when it was linked to this major incident already. */
  public boolean link(String majorId, String relatedId, String linkedBy, Instant now) {
    if (majorOf(relatedId).filter(majorId::equals).isPresent()) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO incident_major_link (related_id, major_id, linked_by, linked_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(relatedId, majorId, linkedBy, ts(now))
        .update();
    return true;
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
        .params(ts(now), incidentId)
        .update();
  }

  /** The service is restored: the incident waits for its review. */
  public void restored(String incidentId, Instant now) {
    jdbc.sql(
            "UPDATE incident_major SET restored_at = ?, updates_sent = updates_sent + 1,"
                + " last_update_at = ?, reviewed_at = NULL, reviewed_by = NULL"
                + " WHERE incident_id = ?")
        .params(ts(now), ts(now), incidentId)
        .update();
    jdbc.sql("UPDATE incident SET status = ?, updated_at = ? WHERE id = ?")
        .params(IncidentStatus.AWAITING_REVIEW.name(), ts(now), incidentId)
        .update();
  }

  /** The review is done: the incident is RESOLVED again and may close. */
  public void reviewed(
      String incidentId, String reviewedBy, String summary, String actions, Instant now) {
    jdbc.sql(
            "UPDATE incident_major SET reviewed_at = ?, reviewed_by = ?, review_summary = ?,"
                + " review_actions = ? WHERE incident_id = ?")
        .params(ts(now), reviewedBy, summary, actions, incidentId)
        .update();
    jdbc.sql("UPDATE incident SET status = ?, updated_at = ? WHERE id = ?")
        .params(IncidentStatus.RESOLVED.name(), ts(now), incidentId)
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

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }
}
