package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentChat;
import io.handoff.incident.IncidentEscalator;
import io.handoff.incident.OnCallNotifier;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Announce escalation": posts the escalation to the operations chat, and pages on-call when the
 * SLA table marks the priority ({@code pageOnEscalation}); a page that finds the incident claimed
 * already is acknowledged at once by whoever holds it.
 */
@Component("announceEscalation")
public class AnnounceEscalationDelegate implements JavaDelegate {

  private final IncidentChat chat;
  private final OnCallNotifier onCall;

  private final TaskService tasks;

  public AnnounceEscalationDelegate(IncidentChat chat, OnCallNotifier onCall, TaskService tasks) {
    this.chat = chat;
    this.onCall = onCall;
    this.tasks = tasks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (pageOnEscalation(execution)) {
      onCall.page(
          incidentId(execution),
          execution.getProcessInstanceId(),
          "Escalated: %s incident '%s' is now at level %d with %s"
              .formatted(
                  priority(execution),
                  string(execution, TITLE),
                  escalationLevel(execution),
                  string(execution, ASSIGNED_GROUP)),
          pageSeverity(execution));
      // claimed between the escalation and this (asynchronous) step, or kept by the same group:
      // the page is taken already
      tasks
          .createTaskQuery()
          .processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey(RESOLVE_TASK)
          .taskAssigned()
          .list()
          .forEach(
              t ->
                  onCall.acknowledge(
                      incidentId(execution), execution.getProcessInstanceId(), t.getAssignee()));
    }
    chat.post(
        incidentId(execution),
        execution.getProcessInstanceId(),
        "escalation",
        string(execution, ASSIGNED_GROUP),
        "Escalation: %s incident %s '%s' missed its %s target and is now at level %d with %s (resolution due %s)."
            .formatted(
                priority(execution),
                incidentId(execution),
                string(execution, TITLE),
                IncidentEscalator.RESPONSE.equals(string(execution, LAST_ESCALATION))
                    ? "response"
                    : "SLA resolution",
                escalationLevel(execution),
                string(execution, ASSIGNED_GROUP),
                string(execution, SLA_DUE)));
  }
}
