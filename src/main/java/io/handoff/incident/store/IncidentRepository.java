package io.handoff.incident.store;

import static io.handoff.platform.persistence.SqlTimes.instant;
import static io.handoff.platform.persistence.SqlTimes.timestamp;

import io.handoff.incident.AlertIntake;
import io.handoff.incident.Escalation;
import io.handoff.incident.Incident;
import io.handoff.incident.IncidentSource;
import io.handoff.incident.IncidentStatus;
import io.handoff.incident.KnownRequest;
import io.handoff.incident.Level;
import io.handoff.incident.NewIncident;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incident tables, in the same transaction as the engine. */
@Repository
public class IncidentRepository {

  private final JdbcClient jdbc;

  public IncidentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM incident WHERE id = ?")
            .param(id)
            .query(Long.class)
            .single()
        > 0;
  }

  public void insert(
      String id,
      NewIncident incident,
      String priority,
      IncidentStatus status,
      String processInstanceId,
      String requestHash,
      Instant now) {
    jdbc.sql(
            """
            INSERT INTO incident (id, title, description, reporter, service, impact, urgency, source,
                category, known_request, priority, status, process_instance_id, alert_fingerprint,
                open_fingerprint, created_at, updated_at, reported_category, reported_known_request,
                open_request_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            id,
            incident.title(),
            incident.description(),
            incident.reporter(),
            incident.service(),
            incident.impact().name(),
            incident.urgency().name(),
            incident.source().name(),
            incident.category(),
            incident.knownRequest().name(),
            priority,
            status.name(),
            processInstanceId,
            incident.alertFingerprint(),
            incident.alertFingerprint(),
            timestamp(now),
            timestamp(now),
            incident.category(),
            incident.knownRequest().name(),
            requestHash)
        .update();
  }

  /** Why automatic remediation may or may not act alone (the evidence decision's verdict). */
  public void recordRemediationEvidence(String id, String evidence, Instant now) {
    jdbc.sql("UPDATE incident SET remediation_evidence = ?, updated_at = ? WHERE id = ?")
        .params(evidence, timestamp(now), id)
        .update();
  }

  public Optional<Incident> find(String id) {
    return jdbc.sql("SELECT * FROM incident WHERE id = ?")
        .param(id)
        .query(IncidentRepository::incident)
        .optional();
  }

  /** The open incident a domain API report with this fingerprint opened. */
  public Optional<Incident> findOpenByRequestHash(String requestHash) {
    return jdbc.sql("SELECT * FROM incident WHERE open_request_hash = ?")
        .param(requestHash)
        .query(IncidentRepository::incident)
        .optional();
  }

  public Optional<Incident> findOpenByFingerprint(String fingerprint) {
    return jdbc.sql("SELECT * FROM incident WHERE open_fingerprint = ?")
        .param(fingerprint)
        .query(IncidentRepository::incident)
        .optional();
  }

  public void recordTriage(
      String id, String category, String proposal, String triagedBy, Instant now) {
    jdbc.sql(
            "UPDATE incident SET category = ?, category_proposal = ?, triaged_by = ?, updated_at = ?"
                + " WHERE id = ?")
        .params(category, proposal, triagedBy, timestamp(now), id)
        .update();
  }

  /** The agent's confident proposal, mapped to a category: the incident leaves triage. */
  public void recordClassification(
      String id, String category, KnownRequest knownRequest, String proposal, Instant now) {
    jdbc.sql(
            "UPDATE incident SET category = ?, known_request = ?, category_proposal = ?, status = ?,"
                + " updated_at = ? WHERE id = ?")
        .params(
            category, knownRequest.name(), proposal, IncidentStatus.OPEN.name(), timestamp(now), id)
        .update();
  }

  public void recordAssessment(
      String id, String category, KnownRequest knownRequest, String priority, Instant now) {
    jdbc.sql(
            "UPDATE incident SET category = ?, known_request = ?, priority = ?, updated_at = ?"
                + " WHERE id = ?")
        .params(category, knownRequest.name(), priority, timestamp(now), id)
        .update();
  }

  /** The clocks of the incident's first level: which clock counts and its two deadlines. */
  public void scheduleSla(
      String id, String clock, Instant responseDue, Instant slaDue, Instant now) {
    jdbc.sql(
            "UPDATE incident SET sla_clock = ?, response_due = ?, sla_due = ?, updated_at = ?"
                + " WHERE id = ?")
        .params(clock, timestamp(responseDue), timestamp(slaDue), timestamp(now), id)
        .update();
  }

  /**
   * Records the first response (a claim, an answer, a resolution) unless there was one already.
   *
   * @return whether this was the first
   */
  public boolean recordFirstResponse(String id, String by, Instant at) {
    return jdbc.sql(
                "UPDATE incident SET first_response_at = ?, first_response_by = ?, updated_at = ?"
                    + " WHERE id = ? AND first_response_at IS NULL")
            .params(timestamp(at), by, timestamp(at), id)
            .update()
        > 0;
  }

  /** The response target passed without a first response. */
  public void recordResponseBreach(String id, Instant at) {
    jdbc.sql(
            "UPDATE incident SET response_breached_at = ?, updated_at = ? WHERE id = ?"
                + " AND response_breached_at IS NULL")
        .params(timestamp(at), timestamp(at), id)
        .update();
  }

  /** The response clock of an incident as the table holds it. */
  public Optional<ResponseClock> responseClock(String id) {
    return jdbc.sql(
            "SELECT response_due, first_response_at, first_response_by, response_breached_at,"
                + " sla_clock FROM incident WHERE id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new ResponseClock(
                    rs.getString("sla_clock"),
                    instant(rs, "response_due"),
                    instant(rs, "first_response_at"),
                    rs.getString("first_response_by"),
                    instant(rs, "response_breached_at")))
        .optional();
  }

  /**
   * @param slaClock {@code 24x7} or {@code BUSINESS}
   * @param due when the first response is due
   * @param firstResponseAt when it happened, null while none
   * @param firstResponseBy who responded
   * @param breachedAt when the target passed without one
   */
  public record ResponseClock(
      String slaClock,
      Instant due,
      Instant firstResponseAt,
      String firstResponseBy,
      Instant breachedAt) {}

  public void assign(String id, String group, int level, Instant now) {
    jdbc.sql(
            "UPDATE incident SET assigned_group = ?, escalation_level = ?, status = ?, updated_at = ?"
                + " WHERE id = ?")
        .params(group, level, IncidentStatus.IN_PROGRESS.name(), timestamp(now), id)
        .update();
  }

  /**
   * Moves the incident to the escalation's group and records the escalation.
   *
   * @param nextDue the resolution deadline of the new level; null keeps the current one (a missed
   *     response does not restart the resolution clock)
   */
  public void escalate(String id, Escalation escalation, Instant nextDue) {
    jdbc.sql(
            "UPDATE incident SET assigned_group = ?, escalation_level = ?,"
                + " sla_due = COALESCE(?, sla_due), updated_at = ? WHERE id = ?")
        .params(
            escalation.toGroup(),
            escalation.toLevel(),
            timestamp(nextDue),
            timestamp(escalation.escalatedAt()),
            id)
        .update();
    jdbc.sql(
            """
            INSERT INTO incident_escalation (kind, incident_id, from_level, to_level, from_group,
                to_group, priority, sla_due, escalated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            escalation.kind(),
            id,
            escalation.fromLevel(),
            escalation.toLevel(),
            escalation.fromGroup(),
            escalation.toGroup(),
            escalation.priority(),
            timestamp(escalation.slaDue()),
            timestamp(escalation.escalatedAt()))
        .update();
  }

  public List<Escalation> escalations(String id) {
    return jdbc.sql(
            "SELECT * FROM incident_escalation WHERE incident_id = ? ORDER BY escalated_at, id")
        .param(id)
        .query(
            (rs, n) ->
                new Escalation(
                    rs.getString("kind"),
                    rs.getInt("from_level"),
                    rs.getInt("to_level"),
                    rs.getString("from_group"),
                    rs.getString("to_group"),
                    rs.getString("priority"),
                    instant(rs, "sla_due"),
                    instant(rs, "escalated_at")))
        .list();
  }

  public void resolve(String id, String code, String notes, String resolvedBy, Instant now) {
    jdbc.sql(
            "UPDATE incident SET status = ?, resolution_code = ?, resolution_notes = ?,"
                + " resolved_by = ?, resolved_at = ?, updated_at = ? WHERE id = ?")
        .params(
            IncidentStatus.RESOLVED.name(),
            code,
            notes,
            resolvedBy,
            timestamp(now),
            timestamp(now),
            id)
        .update();
  }

  /**
   * The reporter reopened the incident: status {@code REOPENED}, the refused resolution moves to
   * the reopen history and is no longer the incident's current one.
   */
  public void reopen(String id, String reason, String reopenedBy, Instant slaDue, Instant now) {
    jdbc.sql(
            """
            INSERT INTO incident_reopen (incident_id, reason, reopened_by, reopened_at,
                previous_resolution_code, previous_resolution_notes, previous_resolved_by,
                previous_resolved_at)
            SELECT id, ?, ?, ?, resolution_code, resolution_notes, resolved_by, resolved_at
            FROM incident WHERE id = ?
            """)
        .params(reason, reopenedBy, timestamp(now), id)
        .update();
    jdbc.sql(
            "UPDATE incident SET status = ?, resolution_code = NULL, resolution_notes = NULL,"
                + " resolved_by = NULL, resolved_at = NULL, sla_due = ?, updated_at = ?"
                + " WHERE id = ?")
        .params(IncidentStatus.REOPENED.name(), timestamp(slaDue), timestamp(now), id)
        .update();
  }

  /** The reopens of an incident, oldest first. */
  public List<Reopen> reopens(String id) {
    return jdbc.sql("SELECT * FROM incident_reopen WHERE incident_id = ? ORDER BY reopened_at, id")
        .param(id)
        .query(
            (rs, n) ->
                new Reopen(
                    rs.getString("reason"),
                    rs.getString("reopened_by"),
                    instant(rs, "reopened_at"),
                    rs.getString("previous_resolution_code"),
                    rs.getString("previous_resolved_by"),
                    instant(rs, "previous_resolved_at")))
        .list();
  }

  /**
   * One reopen.
   *
   * @param reason what the reporter said
   * @param reopenedBy who reopened it (the reporter's login; null through the domain API)
   * @param reopenedAt when
   * @param previousResolutionCode the resolution the reporter refused
   * @param previousResolvedBy who had resolved it
   * @param previousResolvedAt when it had been resolved
   */
  public record Reopen(
      String reason,
      String reopenedBy,
      Instant reopenedAt,
      String previousResolutionCode,
      String previousResolvedBy,
      Instant previousResolvedAt) {}

  /** The resolution clock stops: the resolver asked the reporter a question. */
  public void pause(String id, String question, String askedBy, Instant slaDue, Instant now) {
    jdbc.sql(
            "INSERT INTO incident_pause (incident_id, question, asked_by, paused_at,"
                + " sla_due_at_pause) VALUES (?, ?, ?, ?, ?)")
        .params(id, question, askedBy, timestamp(now), timestamp(slaDue))
        .update();
    jdbc.sql("UPDATE incident SET status = ?, updated_at = ? WHERE id = ?")
        .params(IncidentStatus.AWAITING_REPORTER.name(), timestamp(now), id)
        .update();
  }

  /** The reporter answered: the open pause ends and the clock resumes with a new deadline. */
  public void resume(String id, String answer, String answeredBy, Instant slaDue, Instant now) {
    jdbc.sql(
            "UPDATE incident_pause SET answer = ?, answered_by = ?, ended_at = ?, outcome = ?,"
                + " sla_due_resumed = ? WHERE incident_id = ? AND ended_at IS NULL")
        .params(answer, answeredBy, timestamp(now), "ANSWERED", timestamp(slaDue), id)
        .update();
    boolean reopened =
        jdbc.sql("SELECT COUNT(*) FROM incident_reopen WHERE incident_id = ?")
                .param(id)
                .query(Long.class)
                .single()
            > 0;
    jdbc.sql("UPDATE incident SET status = ?, sla_due = ?, updated_at = ? WHERE id = ?")
        .params(
            (reopened ? IncidentStatus.REOPENED : IncidentStatus.IN_PROGRESS).name(),
            timestamp(slaDue),
            timestamp(now),
            id)
        .update();
  }

  /** The pauses of an incident, oldest first. */
  public List<Pause> pauses(String id) {
    return jdbc.sql("SELECT * FROM incident_pause WHERE incident_id = ? ORDER BY paused_at, id")
        .param(id)
        .query(
            (rs, n) ->
                new Pause(
                    rs.getString("question"),
                    rs.getString("asked_by"),
                    instant(rs, "paused_at"),
                    instant(rs, "sla_due_at_pause"),
                    rs.getString("answer"),
                    rs.getString("answered_by"),
                    instant(rs, "ended_at"),
                    rs.getString("outcome"),
                    instant(rs, "sla_due_resumed")))
        .list();
  }

  /**
   * One SLA pause.
   *
   * @param question what the resolver asked
   * @param askedBy who asked
   * @param pausedAt when the clock stopped
   * @param slaDueAtPause the resolution deadline it stopped with
   * @param answer the reporter's answer, null while none
   * @param answeredBy who answered (the reporter)
   * @param endedAt when the pause ended (answer, or closed without one)
   * @param outcome {@code ANSWERED} or {@code UNANSWERED}; null while it lasts
   * @param slaDueResumed the deadline after the answer: the time that was left, from then on
   */
  public record Pause(
      String question,
      String askedBy,
      Instant pausedAt,
      Instant slaDueAtPause,
      String answer,
      String answeredBy,
      Instant endedAt,
      String outcome,
      Instant slaDueResumed) {}

  /**
   * Closes the incident; an incident closed without a resolver gets the reason as its code. A pause
   * still open ends {@code UNANSWERED}.
   */
  public void close(String id, String reason, Instant now) {
    jdbc.sql(
            "UPDATE incident_pause SET ended_at = ?, outcome = ? WHERE incident_id = ?"
                + " AND ended_at IS NULL")
        .params(timestamp(now), "UNANSWERED", id)
        .update();
    jdbc.sql(
            """
            UPDATE incident SET status = ?, close_reason = ?, closed_at = ?, open_fingerprint = NULL,
                open_request_hash = NULL,
                resolution_code = COALESCE(resolution_code, ?),
                resolved_at = COALESCE(resolved_at, ?), updated_at = ?
            WHERE id = ?
            """)
        .params(
            IncidentStatus.CLOSED.name(),
            reason,
            timestamp(now),
            reason,
            timestamp(now),
            timestamp(now),
            id)
        .update();
  }

  public void recordIdentityRequest(
      String incidentId, String userId, KnownRequest action, Instant now) {
    jdbc.sql(
            "INSERT INTO incident_identity_request (incident_id, user_id, action, requested_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(incidentId, userId, action.name(), timestamp(now))
        .update();
  }

  public List<String> identityRequests(String incidentId) {
    return jdbc.sql(
            "SELECT user_id || ':' || action FROM incident_identity_request WHERE incident_id = ?"
                + " ORDER BY id")
        .param(incidentId)
        .query(String.class)
        .list();
  }

  public void recordNotification(
      String incidentId, String channel, String recipient, String message, Instant now) {
    jdbc.sql(
            "INSERT INTO incident_notification (incident_id, channel, recipient, message, sent_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(incidentId, channel, recipient, message, timestamp(now))
        .update();
  }

  /**
   * Links a firing alert to its group's parent incident.
   *
   * @return false when it was linked already (a re-sent notification), true when linked now or
   *     firing again after it had resolved
   */
  public boolean linkAlert(String incidentId, AlertIntake alert, Instant now) {
    int again =
        jdbc.sql(
                "UPDATE incident_alert SET resolved_at = NULL WHERE incident_id = ? AND"
                    + " fingerprint = ? AND resolved_at IS NOT NULL")
            .params(incidentId, alert.fingerprint())
            .update();
    if (again > 0) {
      return true;
    }
    if (jdbc.sql("SELECT COUNT(*) FROM incident_alert WHERE incident_id = ? AND fingerprint = ?")
            .params(incidentId, alert.fingerprint())
            .query(Long.class)
            .single()
        > 0) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO incident_alert (incident_id, fingerprint, alertname, linked_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(incidentId, alert.fingerprint(), alert.alertname(), timestamp(now))
        .update();
    return true;
  }

  public void resolveAlert(String incidentId, String fingerprint, Instant now) {
    jdbc.sql(
            "UPDATE incident_alert SET resolved_at = ? WHERE incident_id = ? AND fingerprint = ?"
                + " AND resolved_at IS NULL")
        .params(timestamp(now), incidentId, fingerprint)
        .update();
  }

  /** How many of the parent's alerts still fire. */
  public long firingAlerts(String incidentId) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM incident_alert WHERE incident_id = ? AND resolved_at IS NULL")
        .param(incidentId)
        .query(Long.class)
        .single();
  }

  /** The alerts linked to a parent incident, in the order they were linked. */
  public List<LinkedAlert> alerts(String incidentId) {
    return jdbc.sql("SELECT * FROM incident_alert WHERE incident_id = ? ORDER BY linked_at, id")
        .param(incidentId)
        .query(
            (rs, n) ->
                new LinkedAlert(
                    rs.getString("fingerprint"),
                    rs.getString("alertname"),
                    instant(rs, "linked_at"),
                    instant(rs, "resolved_at")))
        .list();
  }

  /**
   * An alert linked to its group's parent incident.
   *
   * @param resolvedAt null while it fires
   */
  public record LinkedAlert(
      String fingerprint, String alertname, Instant linkedAt, Instant resolvedAt) {}

  /** Notifications of one incident as {@code channel:recipient:message}, oldest first. */
  public List<String> notifications(String incidentId) {
    return jdbc.sql(
            "SELECT channel || ':' || recipient || ':' || message FROM incident_notification"
                + " WHERE incident_id = ? ORDER BY id")
        .param(incidentId)
        .query(String.class)
        .list();
  }

  private static Incident incident(ResultSet rs, int row) throws SQLException {
    String knownRequest = rs.getString("known_request");
    String reported = rs.getString("reported_known_request");
    int levelValue = rs.getInt("escalation_level");
    Integer level = rs.wasNull() ? null : levelValue;
    return new Incident(
        rs.getString("id"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("reporter"),
        rs.getString("service"),
        Level.valueOf(rs.getString("impact")),
        Level.valueOf(rs.getString("urgency")),
        IncidentSource.valueOf(rs.getString("source")),
        rs.getString("category"),
        rs.getString("category_proposal"),
        rs.getString("triaged_by"),
        knownRequest == null ? KnownRequest.NONE : KnownRequest.valueOf(knownRequest),
        rs.getString("priority"),
        IncidentStatus.valueOf(rs.getString("status")),
        rs.getString("assigned_group"),
        level,
        instant(rs, "sla_due"),
        rs.getString("process_instance_id"),
        rs.getString("alert_fingerprint"),
        rs.getString("resolution_code"),
        rs.getString("resolution_notes"),
        rs.getString("resolved_by"),
        instant(rs, "resolved_at"),
        instant(rs, "closed_at"),
        rs.getString("close_reason"),
        instant(rs, "created_at"),
        rs.getString("reported_category"),
        reported == null ? null : KnownRequest.valueOf(reported),
        rs.getString("remediation_evidence"));
  }
}
