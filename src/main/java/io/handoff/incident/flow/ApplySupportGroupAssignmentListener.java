package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.ASSIGNED_GROUP;
import static io.handoff.incident.IncidentVariables.ESCALATION_LEVEL;
import static io.handoff.incident.IncidentVariables.FIRST_LEVEL_GROUP;
import static io.handoff.incident.IncidentVariables.FURTHER_ESCALATION_POSSIBLE;
import static io.handoff.incident.IncidentVariables.SECOND_LEVEL_GROUP;
import static io.handoff.incident.IncidentVariables.TOP_LEVEL_GROUP;
import static io.handoff.incident.IncidentVariables.incidentId;
import static io.handoff.incident.IncidentVariables.setBoolean;
import static io.handoff.incident.IncidentVariables.setInteger;
import static io.handoff.incident.IncidentVariables.setString;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.engine.EngineClock;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * End of the business rule task "Assign support group": takes the assignment table's escalation
 * chain (result variable {@code assignment}), starts the incident with its level-1 group and drops
 * the raw result.
 */
@Component("applySupportGroupAssignment")
public class ApplySupportGroupAssignmentListener implements ExecutionListener {

  static final String RESULT = "assignment";
  private static final Logger log =
      LoggerFactory.getLogger(ApplySupportGroupAssignmentListener.class);

  private final IncidentRepository incidents;

  public ApplySupportGroupAssignmentListener(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!(execution.getVariable(RESULT) instanceof Map<?, ?> chain)) {
      throw new IllegalStateException(
          "Process instance "
              + execution.getProcessInstanceId()
              + ": the assignment table gave no single result");
    }
    String first = (String) chain.get(FIRST_LEVEL_GROUP);
    setString(execution, FIRST_LEVEL_GROUP, first);
    setString(execution, SECOND_LEVEL_GROUP, (String) chain.get(SECOND_LEVEL_GROUP));
    setString(execution, TOP_LEVEL_GROUP, (String) chain.get(TOP_LEVEL_GROUP));
    setString(execution, ASSIGNED_GROUP, first);
    setInteger(execution, ESCALATION_LEVEL, 1);
    setBoolean(execution, FURTHER_ESCALATION_POSSIBLE, true);
    execution.removeVariable(RESULT);
    incidents.assign(incidentId(execution), first, 1, EngineClock.now());
    log.info(
        "Incident {} assigned to {} (chain {}), process instance {}",
        incidentId(execution),
        first,
        chain,
        execution.getProcessInstanceId());
  }
}
