package io.handoff.incident.api;

import io.handoff.incident.Incident;
import io.handoff.incident.IncidentStatus;

/** Answer of {@code POST /api/incidents}. */
public record IncidentCreated(
    String incidentId,
    String processInstanceId,
    String priority,
    String category,
    IncidentStatus status) {

  static IncidentCreated of(Incident incident) {
    return new IncidentCreated(
        incident.id(),
        incident.processInstanceId(),
        incident.priority(),
        incident.category(),
        incident.status());
  }
}
