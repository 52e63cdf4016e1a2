package io.handoff.incident.flow;

import io.handoff.incident.IncidentEscalator;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Escalate missed response": see {@link IncidentEscalator#escalateMissedResponse}. */
@Component("escalateMissedResponse")
public class EscalateMissedResponseDelegate implements JavaDelegate {

  private final IncidentEscalator escalator;

  public EscalateMissedResponseDelegate(IncidentEscalator escalator) {
    this.escalator = escalator;
  }

  @Override
  public void execute(DelegateExecution execution) {
    escalator.escalateMissedResponse(execution);
  }
}
