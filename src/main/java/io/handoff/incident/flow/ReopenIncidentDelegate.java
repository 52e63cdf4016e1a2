package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentEscalator;
import io.handoff.incident.SlaClocks;
import io.handoff.incident.SlaWindow;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.governance.People;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Reopen incident": the reporter says it is not fixed. The incident goes back to the group and
 * escalation level it was resolved at, with a fresh SLA window for that level. A major incident
 * needs a new review before it can close.
 */
@Component("reopenIncident")
public class ReopenIncidentDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(ReopenIncidentDelegate.class);

  private final IncidentRepository incidents;
  private final DecisionLedger ledger;
  private final People people;
  private final SlaClocks clocks;
  private final MajorIncidentRepository majors;

  public ReopenIncidentDelegate(
      IncidentRepository incidents,
      DecisionLedger ledger,
      People people,
      SlaClocks clocks,
      MajorIncidentRepository majors) {
    this.majors = majors;
    this.clocks = clocks;
    this.incidents = incidents;
    this.ledger = ledger;
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SlaWindow window =
        clocks.resolutionWindow(
            execution, EngineClock.now(), requiredString(execution, ASSIGNED_GROUP));
    setSlaWindow(execution, window);
    setBoolean(
        execution,
        FURTHER_ESCALATION_POSSIBLE,
        escalationLevel(execution) < IncidentEscalator.TOP_LEVEL);
    String reopenedBy = people.caller().orElse(null);
    incidents.reopen(
        incidentId(execution),
        string(execution, REOPEN_REASON),
        reopenedBy,
        window.due(),
        EngineClock.now());
    // the refused resolution is kept with the reopen and shown to the resolver; the next one needs
    // a code and notes of its own
    setString(
        execution,
        REFUSED_RESOLUTION,
        string(execution, RESOLUTION_CODE) + ": " + string(execution, RESOLUTION_NOTES));
    execution.removeVariable(RESOLUTION_CODE);
    execution.removeVariable(RESOLUTION_NOTES);
    // a major incident reopened after its review needs a new review before it can close
    majors.reviewNeededAgain(incidentId(execution));
    ledger.record(
        Draft.of(
                DecisionContext.of(execution),
                "REOPENED",
                reopenedBy == null ? DecidedBy.PLATFORM : DecidedBy.person(reopenedBy))
            .outcome("REOPENED")
            .reason(string(execution, REOPEN_REASON)));
    log.info(
        "Incident {} reopened by its reporter ({}); back to {} at level {}, due {}, process"
            + " instance {}",
        incidentId(execution),
        string(execution, REOPEN_REASON),
        string(execution, ASSIGNED_GROUP),
        escalationLevel(execution),
        window.dueIso(),
        execution.getProcessInstanceId());
  }
}
