package io.handoff.incident;

import io.handoff.incident.store.IncidentRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The inputs the incident's business rule tasks give their tables, in the form the tables expect:
 * {@code ${incidentInputs.category(execution)}}, {@code ${incidentInputs.knownRequest(execution)}};
 * impact and urgency are read from the {@code incident} table, not from variables.
 */
@Component("incidentInputs")
public class IncidentInputs {

  private final IncidentRepository incidents;

  public IncidentInputs(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  /** The category, or null when none was chosen. */
  public String category(DelegateExecution execution) {
    return IncidentVariables.category(execution);
  }

  /** Impact as the incident table holds it ({@code HIGH}, {@code MEDIUM}, {@code LOW}). */
  public String impact(DelegateExecution execution) {
    return incident(execution).impact().name();
  }

  /** Urgency as the incident table holds it ({@code HIGH}, {@code MEDIUM}, {@code LOW}). */
  public String urgency(DelegateExecution execution) {
    return incident(execution).urgency().name();
  }

  /** The priority the priority table gave, as stored on the incident. */
  public String priority(DelegateExecution execution) {
    return incident(execution).priority();
  }

  private Incident incident(DelegateExecution execution) {
    return incidents.find(IncidentVariables.incidentId(execution)).orElseThrow();
  }

  /** The known request ({@code PASSWORD_RESET}, {@code ACCOUNT_LOCKOUT}, or {@code NONE}). */
  public String knownRequest(DelegateExecution execution) {
    return IncidentVariables.knownRequest(execution).name();
  }
}
