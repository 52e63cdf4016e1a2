package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentIntakeRules;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.errors.InvalidRequestException;
import io.handoff.platform.governance.People;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Record triage decision": stores the category the service desk picked, who picked it, and the
 * agent's proposal it was picked against (when there was one).
 */
@Component("recordTriage")
public class RecordTriageDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RecordTriageDelegate.class);

  private final IncidentRepository incidents;
  private final IncidentIntakeRules rules;
  private final DecisionLedger ledger;
  private final People people;

  public RecordTriageDelegate(
      IncidentRepository incidents,
      IncidentIntakeRules rules,
      DecisionLedger ledger,
      People people) {
    this.ledger = ledger;
    this.people = people;
    this.incidents = incidents;
    this.rules = rules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String category = category(execution);
    if (category == null) {
      throw new InvalidRequestException("category", "must be chosen in triage");
    }
    var problems = rules.categoryProblems(CATEGORY, category);
    InvalidRequestException.throwIfAny(problems);
    String proposal = string(execution, CATEGORY_PROPOSAL);
    String triagedBy = people.caller().orElse(null);
    incidents.recordTriage(incidentId(execution), category, proposal, triagedBy, EngineClock.now());
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("agentProposal", proposal);
    inputs.put("knownRequest", String.valueOf(knownRequest(execution)));
    ledger.record(
        Draft.of(
                DecisionContext.of(execution),
                "TRIAGE",
                triagedBy == null ? DecidedBy.PLATFORM : DecidedBy.person(triagedBy))
            .inputs(inputs)
            .outcome(category));
    log.info(
        "Incident {} triaged as {} (known request {}) by {} against the agent's proposal {},"
            + " process instance {}",
        incidentId(execution),
        category,
        knownRequest(execution),
        triagedBy,
        proposal,
        execution.getProcessInstanceId());
  }
}
