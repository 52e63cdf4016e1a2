package io.handoff.incident;

/** Where an incident stands, as reported by {@code GET /api/incidents/{id}}. */
public enum IncidentStatus {
  OPEN,
  TRIAGE,
  IN_PROGRESS,
  RESOLVED,
  CLOSED
}
