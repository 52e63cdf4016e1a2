package io.handoff.incident;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What happened to one alert of an Alertmanager notification.
 *
 * @param fingerprint the alert's fingerprint
 * @param alertStatus {@code firing} or {@code resolved}
 * @param result OPENED, ALREADY_OPEN (a re-sent notification), RESOLVED or NOT_OPEN (resolved alert
 *     without an open incident); for a grouped alert LINKED (a child of its group's open parent) or
 *     CHILD_RESOLVED (resolved while other alerts of the group still fire)
 * @param incidentId the incident concerned, if any
 * @param status that incident's status
 */
public record AlertOutcome(
    String fingerprint,
    String alertStatus,
    Result result,
    String incidentId,
    IncidentStatus status,
    String priority) {

  @Schema(description = "What happened to the alert")
  public enum Result {
    OPENED,
    ALREADY_OPEN,
    RESOLVED,
    NOT_OPEN,
    LINKED,
    CHILD_RESOLVED,
    /** The alert resolved, but its incident is a major incident: it closes after its review. */
    KEPT_OPEN
  }

  static AlertOutcome of(AlertIntake alert, Result result, Incident incident) {
    return new AlertOutcome(
        alert.fingerprint(),
        alert.firing() ? "firing" : "resolved",
        result,
        incident == null ? null : incident.id(),
        incident == null ? null : incident.status(),
        incident == null ? null : incident.priority());
  }
}
