package io.handoff.incident;

/** Where an incident stands, as reported by {@code GET /api/incidents/{id}}. */
public enum IncidentStatus {
  OPEN,
  TRIAGE,
  IN_PROGRESS,
  /** The resolver asked the reporter a question: the resolution clock stands until the answer. */
  AWAITING_REPORTER,
  /** The reporter reopened it: worked again by the group it was resolved at. */
  REOPENED,
  RESOLVED,
  /**
   * A major incident whose service is restored: it waits for its review, and cannot close before
   * the review is done.
   */
  AWAITING_REVIEW,
  CLOSED
}
