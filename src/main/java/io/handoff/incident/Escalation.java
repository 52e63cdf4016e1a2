package io.handoff.incident;

import java.time.Instant;

/** One escalation of an incident at its SLA target, from the {@code incident_escalation} table. */
public record Escalation(
    int fromLevel,
    int toLevel,
    String fromGroup,
    String toGroup,
    String priority,
    Instant slaDue,
    Instant escalatedAt) {}
