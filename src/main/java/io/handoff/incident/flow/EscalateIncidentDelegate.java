package io.handoff.incident.flow;

import io.handoff.incident.IncidentEscalator;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Escalate one level": see {@link IncidentEscalator}. */
@Component("escalateIncident")
public class EscalateIncidentDelegate implements JavaDelegate {

  private final IncidentEscalator escalator;

  public EscalateIncidentDelegate(IncidentEscalator escalator) {
    this.escalator = escalator;
  }

  @Override
  public void execute(DelegateExecution execution) {
    escalator.escalate(execution);
  }
}
