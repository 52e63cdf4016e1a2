package io.handoff.incident;

import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /api/incidents/{id}}. */
public record IncidentView(
    String incidentId,
    String processInstanceId,
    String title,
    String reporter,
    String service,
    Level impact,
    Level urgency,
    IncidentSource source,
    IncidentStatus status,
    String priority,
    String category,
    String assignedGroup,
    Integer escalationLevel,
    Instant slaDue,
    String resolutionCode,
    String resolutionNotes,
    String closeReason,
    List<Escalation> escalations) {

  static IncidentView of(Incident i, List<Escalation> escalations) {
    return new IncidentView(
        i.id(),
        i.processInstanceId(),
        i.title(),
        i.reporter(),
        i.service(),
        i.impact(),
        i.urgency(),
        i.source(),
        i.status(),
        i.priority(),
        i.category(),
        i.assignedGroup(),
        i.escalationLevel(),
        i.slaDue(),
        i.resolutionCode(),
        i.resolutionNotes(),
        i.closeReason(),
        escalations);
  }
}
