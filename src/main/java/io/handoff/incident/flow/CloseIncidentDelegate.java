package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentEvents;
import io.handoff.incident.OnCallNotifier;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.governance.ControlRefusedException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Close incident": the incident becomes CLOSED for the reason configured on the task (reporter
 * confirmed, no answer, alert resolved, remediated automatically); its alert may open a new
 * incident from now on. A major incident whose review is not done is never closed: the step fails
 * and nothing of its transaction stays, whoever moved the token here.
 */
@Component("closeIncident")
public class CloseIncidentDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(CloseIncidentDelegate.class);

  private final IncidentRepository incidents;
  private final IncidentEvents events;
  private final DecisionLedger ledger;
  private final OnCallNotifier onCall;
  private final MajorIncidentRepository majors;

  public CloseIncidentDelegate(
      IncidentRepository incidents,
      DecisionLedger ledger,
      IncidentEvents events,
      OnCallNotifier onCall,
      MajorIncidentRepository majors) {
    this.majors = majors;
    this.onCall = onCall;
    this.events = events;
    this.incidents = incidents;
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reason = requiredString(execution, IN_CLOSE_REASON);
    majors
        .find(incidentId(execution))
        .filter(major -> !major.reviewed())
        .ifPresent(
            major -> {
              throw new ControlRefusedException(
                  "major-incident-review",
                  "Major incident "
                      + major.incidentId()
                      + " cannot close before its review is done");
            });
    incidents.close(incidentId(execution), reason, EngineClock.now());
    ledger.record(
        Draft.of(DecisionContext.of(execution), "CLOSED", DecidedBy.PLATFORM).outcome(reason));
    events.closed(incidentId(execution), execution.getProcessInstanceId());
    onCall.resolve(incidentId(execution), execution.getProcessInstanceId());
    log.info(
        "Incident {} closed ({}), process instance {}",
        incidentId(execution),
        reason,
        execution.getProcessInstanceId());
  }
}
