package io.handoff.incident;

/** How an incident was reported. */
public enum IncidentSource {
  REST,
  ALERTMANAGER,
  TASKLIST
}
