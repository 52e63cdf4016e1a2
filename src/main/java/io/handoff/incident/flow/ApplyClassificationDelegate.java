package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentDecisions;
import io.handoff.incident.IncidentIntakeRules;
import io.handoff.incident.KnownRequest;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.decision.DeclaredDecision;
import io.handoff.platform.engine.EngineClock;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Apply classification": turns the classification agent's confident proposal into the incident's
 * category and known request through a decision table (the agent's {@code password-reset} label is
 * category {@code access} with automatic remediation), and takes the incident out of triage.
 */
@Component("applyClassification")
public class ApplyClassificationDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(ApplyClassificationDelegate.class);

  private final IncidentRepository incidents;
  private final IncidentDecisions decisions;
  private final IncidentIntakeRules rules;

  public ApplyClassificationDelegate(
      IncidentRepository incidents, IncidentDecisions decisions, IncidentIntakeRules rules) {
    this.incidents = incidents;
    this.decisions = decisions;
    this.rules = rules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String decision = DeclaredDecision.of(execution);
    String proposal = requiredString(execution, CATEGORY_PROPOSAL);
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(CATEGORY_PROPOSAL, proposal);
    inputs.put(KNOWN_REQUEST, knownRequest(execution).name());
    Map<String, Object> mapped = decisions.single(execution, decision, inputs);
    String category = (String) mapped.get(CATEGORY);
    if (!rules.categories().contains(category)) {
      throw new IllegalStateException(
          "Decision "
              + decision
              + " maps '"
              + proposal
              + "' to category '"
              + category
              + "', which is not one of "
              + rules.categories());
    }
    KnownRequest knownRequest = KnownRequest.valueOf((String) mapped.get(KNOWN_REQUEST));
    setString(execution, CATEGORY, category);
    setString(execution, KNOWN_REQUEST, knownRequest.name());
    incidents.recordClassification(
        incidentId(execution), category, knownRequest, proposal, EngineClock.now());
    log.info(
        "Incident {} classified by the agent as {} ({}, known request {}), process instance {}",
        incidentId(execution),
        category,
        proposal,
        knownRequest,
        execution.getProcessInstanceId());
  }
}
