package io.handoff.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The inputs the incident's business rule tasks give their tables, in the form the tables expect:
 * {@code ${incidentInputs.category(execution)}}, {@code ${incidentInputs.knownRequest(execution)}}.
 */
@Component("incidentInputs")
public class IncidentInputs {

  /** The category, or null when none was chosen. */
  public String category(DelegateExecution execution) {
    return IncidentVariables.category(execution);
  }

  /** The known request ({@code PASSWORD_RESET}, {@code ACCOUNT_LOCKOUT}, or {@code NONE}). */
  public String knownRequest(DelegateExecution execution) {
    return IncidentVariables.knownRequest(execution).name();
  }
}
