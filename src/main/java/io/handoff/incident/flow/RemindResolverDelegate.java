package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentChat;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** "Remind resolver": the SLA target is near; the assigned group is reminded in chat. */
@Component("remindResolver")
public class RemindResolverDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RemindResolverDelegate.class);

  private final IncidentChat chat;

  public RemindResolverDelegate(IncidentChat chat) {
    this.chat = chat;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String text =
        "Reminder: %s incident %s '%s' with %s (level %d) reaches its SLA target at %s."
            .formatted(
                priority(execution),
                incidentId(execution),
                string(execution, TITLE),
                string(execution, ASSIGNED_GROUP),
                escalationLevel(execution),
                string(execution, SLA_DUE));
    log.info("{} Process instance {}", text, execution.getProcessInstanceId());
    chat.post(
        incidentId(execution),
        execution.getProcessInstanceId(),
        "reminder",
        string(execution, ASSIGNED_GROUP),
        text);
  }
}
