package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentEvents;
import io.handoff.incident.OnCallNotifier;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.governance.People;
import java.util.LinkedHashMap;
import java.util.Map;
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
  private final IncidentEvents events;
  private final DecisionLedger ledger;
  private final People people;
  private final OnCallNotifier onCall;

  public RecordResolutionDelegate(
      IncidentRepository incidents,
      DecisionLedger ledger,
      People people,
      IncidentEvents events,
      OnCallNotifier onCall) {
    this.onCall = onCall;
    this.events = events;
    this.incidents = incidents;
    this.ledger = ledger;
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = requiredString(execution, RESOLUTION_CODE);
    String resolvedBy = people.caller().orElse(null);
    incidents.resolve(
        incidentId(execution),
        code,
        string(execution, RESOLUTION_NOTES),
        resolvedBy,
        EngineClock.now());
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("escalationLevel", escalationLevel(execution));
    ledger.record(
        Draft.of(
                DecisionContext.of(execution),
                "RESOLUTION",
                resolvedBy == null ? DecidedBy.PLATFORM : DecidedBy.person(resolvedBy))
            .inputs(inputs)
            .outcome(code)
            .reason(string(execution, RESOLUTION_NOTES)));
    events.resolved(incidentId(execution), execution.getProcessInstanceId());
    onCall.resolve(incidentId(execution), execution.getProcessInstanceId());
    log.info(
        "Incident {} resolved ({}) by {} at level {}, process instance {}",
        incidentId(execution),
        code,
        resolvedBy,
        escalationLevel(execution),
        execution.getProcessInstanceId());
  }
}
