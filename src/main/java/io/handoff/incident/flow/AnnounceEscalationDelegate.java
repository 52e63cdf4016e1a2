package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentChat;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Announce escalation": posts the escalation to the operations chat. */
@Component("announceEscalation")
public class AnnounceEscalationDelegate implements JavaDelegate {

  private final IncidentChat chat;

  public AnnounceEscalationDelegate(IncidentChat chat) {
    this.chat = chat;
  }

  @Override
  public void execute(DelegateExecution execution) {
    chat.post(
        incidentId(execution),
        execution.getProcessInstanceId(),
        "escalation",
        string(execution, ASSIGNED_GROUP),
        "Escalation: %s incident %s '%s' missed its SLA target and is now at level %d with %s (next target %s)."
            .formatted(
                priority(execution),
                incidentId(execution),
                string(execution, TITLE),
                escalationLevel(execution),
                string(execution, ASSIGNED_GROUP),
                string(execution, SLA_DUE)));
  }
}
