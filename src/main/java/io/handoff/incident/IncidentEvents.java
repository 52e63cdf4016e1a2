package io.handoff.incident;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.notification.EventType;
import io.handoff.platform.notification.IntegrationEvents;
import io.handoff.platform.notification.NotificationOutbox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The incident's integration events ({@code incident.resolved}, {@code incident.closed}), written
 * by the step that resolves or closes it, in its transaction, from the incident as stored by then.
 * An incident may be resolved again after a reopen: each resolution is its own event.
 */
@Component
public class IncidentEvents {

  private final IncidentRepository incidents;
  private final IntegrationEvents events;

  public IncidentEvents(IncidentRepository incidents, IntegrationEvents events) {
    this.incidents = incidents;
    this.events = events;
  }

  /** The incident was just resolved (by a person or by automatic remediation). */
  public void resolved(String incidentId, String processInstanceId) {
    Incident i = incidents.find(incidentId).orElseThrow();
    Map<String, Object> data = facts(i);
    data.put("resolutionCode", i.resolutionCode());
    data.put("resolutionNotes", i.resolutionNotes());
    data.put("resolvedBy", i.resolvedBy());
    data.put("resolvedAt", i.resolvedAt() == null ? null : i.resolvedAt().toString());
    events.publish(
        EventType.INCIDENT_RESOLVED,
        incidentId + "/" + NotificationOutbox.currentStep(),
        data,
        processInstanceId);
  }

  /** The incident was just closed. */
  public void closed(String incidentId, String processInstanceId) {
    Incident i = incidents.find(incidentId).orElseThrow();
    Map<String, Object> data = facts(i);
    data.put("closeReason", i.closeReason());
    data.put("resolutionCode", i.resolutionCode());
    data.put("closedAt", i.closedAt() == null ? null : i.closedAt().toString());
    events.publish(EventType.INCIDENT_CLOSED, incidentId, data, processInstanceId);
  }

  private static Map<String, Object> facts(Incident i) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("incidentId", i.id());
    data.put("title", i.title());
    data.put("service", i.service());
    data.put("category", i.category());
    data.put("priority", i.priority());
    data.put("source", i.source() == null ? null : i.source().name());
    data.put("assignedGroup", i.assignedGroup());
    data.put("reporter", i.reporter());
    return data;
  }
}
