package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.incidentId;

import io.handoff.incident.store.IncidentRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the SLA watch's gateways ask of the incident, read from the {@code incident} table (not from
 * variables a caller could set): {@code ${incidentClocks.responded(execution)}}.
 */
@Component("incidentClocks")
public class IncidentClocks {

  private final IncidentRepository incidents;

  public IncidentClocks(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  /** Whether the incident had its first response (a claim, an answer, a resolution). */
  public boolean responded(DelegateExecution execution) {
    return incidents
        .responseClock(incidentId(execution))
        .map(c -> c.firstResponseAt() != null)
        .orElse(false);
  }
}
