package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** "Record resolution": stores the resolver's code and notes; the incident becomes RESOLVED. */
@Component("recordResolution")
public class RecordResolutionDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RecordResolutionDelegate.class);

  private final IncidentRepository incidents;

  public RecordResolutionDelegate(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = requiredString(execution, RESOLUTION_CODE);
    String resolvedBy = RecordTriageDelegate.currentUser(execution);
    incidents.resolve(
        incidentId(execution),
        code,
        string(execution, RESOLUTION_NOTES),
        resolvedBy,
        EngineClock.now());
    log.info(
        "Incident {} resolved ({}) by {} at level {}, process instance {}",
        incidentId(execution),
        code,
        resolvedBy,
        escalationLevel(execution),
        execution.getProcessInstanceId());
  }
}
