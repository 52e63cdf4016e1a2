package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Assign support group": the assignment table gives the escalation chain (level 1, 2 and 3
 * groups); the incident starts with its level-1 group.
 */
@Component("assignIncident")
public class AssignIncidentDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(AssignIncidentDelegate.class);

  private final IncidentRepository incidents;
  private final IncidentDecisions decisions;

  public AssignIncidentDelegate(IncidentRepository incidents, IncidentDecisions decisions) {
    this.incidents = incidents;
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String decision = string(execution, IN_ASSIGNMENT_DECISION);
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(CATEGORY, category(execution));
    inputs.put(KNOWN_REQUEST, knownRequest(execution).name());
    Map<String, Object> chain =
        decisions.single(
            execution, decision == null ? IncidentDecisions.ASSIGNMENT : decision, inputs);
    String first = (String) chain.get(FIRST_LEVEL_GROUP);
    setString(execution, FIRST_LEVEL_GROUP, first);
    setString(execution, SECOND_LEVEL_GROUP, (String) chain.get(SECOND_LEVEL_GROUP));
    setString(execution, TOP_LEVEL_GROUP, (String) chain.get(TOP_LEVEL_GROUP));
    setString(execution, ASSIGNED_GROUP, first);
    setInteger(execution, ESCALATION_LEVEL, 1);
    setBoolean(execution, FURTHER_ESCALATION_POSSIBLE, true);
    incidents.assign(incidentId(execution), first, 1, EngineClock.now());
    log.info(
        "Incident {} assigned to {} (chain {}), process instance {}",
        incidentId(execution),
        first,
        chain,
        execution.getProcessInstanceId());
  }
}
