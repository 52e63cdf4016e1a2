package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.engine.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * End of the business rule task "Determine priority": the table {@code incident-priority} wrote the
 * priority (result variable {@code priority}, over any value a caller sent along); it is stored on
 * the incident with the category it was decided for.
 */
@Component("applyPriority")
public class ApplyPriorityListener implements ExecutionListener {

  private static final Logger log = LoggerFactory.getLogger(ApplyPriorityListener.class);

  private final IncidentRepository incidents;

  public ApplyPriorityListener(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!(execution.getVariable(PRIORITY) instanceof String priority) || priority.isBlank()) {
      throw new IllegalStateException(
          "Process instance "
              + execution.getProcessInstanceId()
              + ": the priority table gave no priority");
    }
    setString(execution, PRIORITY, priority);
    incidents.recordAssessment(
        incidentId(execution),
        category(execution),
        knownRequest(execution),
        priority,
        EngineClock.now());
    log.info(
        "Incident {} is {}, process instance {}",
        incidentId(execution),
        priority,
        execution.getProcessInstanceId());
  }
}
