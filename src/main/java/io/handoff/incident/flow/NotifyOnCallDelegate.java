package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.OnCallNotifier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Notify on-call": pages the on-call engineer for a P1 incident (a PagerDuty trigger whose
 * dedup_key is the incident id, with the severity of the SLA targets table).
 */
@Component("notifyOnCall")
public class NotifyOnCallDelegate implements JavaDelegate {

  private final OnCallNotifier onCall;

  public NotifyOnCallDelegate(OnCallNotifier onCall) {
    this.onCall = onCall;
  }

  @Override
  public void execute(DelegateExecution execution) {
    onCall.page(
        incidentId(execution),
        execution.getProcessInstanceId(),
        "%s incident '%s' on %s, assigned to %s, SLA due %s"
            .formatted(
                priority(execution),
                string(execution, TITLE),
                string(execution, SERVICE),
                string(execution, ASSIGNED_GROUP),
                string(execution, SLA_DUE)),
        pageSeverity(execution));
  }
}
