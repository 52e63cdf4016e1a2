package io.handoff.incident;

import io.handoff.incident.store.IncidentRepository;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/incidents/{id}}.
 *
 * @param slaDue when the resolution target of the current level falls, the real instant (counted in
 *     business time for business-time priorities)
 * @param slaClock {@code 24x7} or {@code BUSINESS} (the assigned group's calendar)
 * @param responseDue when the first response is due
 * @param firstResponseAt the first claim, answer or resolution; null while none
 * @param firstResponseBy who gave it
 * @param responseBreached whether the response target passed without a first response
 * @param resolutionBreached whether a resolution target passed (the incident escalated for it)
 * @param reopenReason why the reporter last reopened it, while it is {@code REOPENED}
 * @param pauses the SLA pauses: questions to the reporter, answers, the deadline before and after
 * @param reopens every reopen with the resolution the reporter refused
 * @param alerts the alerts linked to a parent incident of an Alertmanager group
 * @param majorIncident the declaration, stakeholder updates, review and linked incidents of a major
 *     incident; null when it is not one
 * @param partOfMajorIncident the major incident this incident is linked to; null when none
 */
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
    String slaClock,
    Instant responseDue,
    Instant firstResponseAt,
    String firstResponseBy,
    boolean responseBreached,
    boolean resolutionBreached,
    String resolutionCode,
    String resolutionNotes,
    String closeReason,
    String reopenReason,
    List<Escalation> escalations,
    List<IncidentRepository.Pause> pauses,
    List<IncidentRepository.Reopen> reopens,
    List<IncidentRepository.LinkedAlert> alerts,
    MajorIncident.View majorIncident,
    String partOfMajorIncident) {

  static IncidentView of(
      Incident i,
      List<Escalation> escalations,
      IncidentRepository.ResponseClock clock,
      List<IncidentRepository.Pause> pauses,
      List<IncidentRepository.Reopen> reopens,
      List<IncidentRepository.LinkedAlert> alerts,
      MajorIncident.View majorIncident,
      String partOfMajorIncident) {
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
        clock.slaClock(),
        clock.due(),
        clock.firstResponseAt(),
        clock.firstResponseBy(),
        clock.breachedAt() != null,
        escalations.stream().anyMatch(e -> IncidentEscalator.RESOLUTION.equals(e.kind())),
        i.resolutionCode(),
        i.resolutionNotes(),
        i.closeReason(),
        i.status() == IncidentStatus.REOPENED && !reopens.isEmpty()
            ? reopens.get(reopens.size() - 1).reason()
            : null,
        escalations,
        pauses,
        reopens,
        alerts,
        majorIncident,
        partOfMajorIncident);
  }
}
