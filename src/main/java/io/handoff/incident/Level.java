package io.handoff.incident;

/** ITIL impact or urgency of an incident. */
public enum Level {
  HIGH,
  MEDIUM,
  LOW
}
