package io.handoff.incident;

import java.time.Instant;

/**
 * One escalation of an incident at its SLA target, from the {@code incident_escalation} table.
 *
 * @param kind {@code RESOLUTION} (the resolution target passed) or {@code RESPONSE} (the response
 *     target passed with no first response)
 */
public record Escalation(
    String kind,
    int fromLevel,
    int toLevel,
    String fromGroup,
    String toGroup,
    String priority,
    Instant slaDue,
    Instant escalatedAt) {}
