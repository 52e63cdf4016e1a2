package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentChat;
import io.handoff.incident.MajorIncident;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.governance.ControlRefusedException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Record major incident decision": the decision a person made in "Declare major incident?" (kept
 * by the task's guard, taken once; this step started without one refuses) goes into the decision
 * ledger; a declaration is recorded with the incidents it links, and the stakeholder channel (the
 * task's {@code stakeholderChannel} input) hears of it at once.
 */
@Component("recordMajorDecision")
public class RecordMajorDecisionDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RecordMajorDecisionDelegate.class);

  private final IncidentRepository incidents;
  private final MajorIncidentRepository majors;
  private final DecisionLedger ledger;
  private final IncidentChat chat;

  public RecordMajorDecisionDelegate(
      IncidentRepository incidents,
      MajorIncidentRepository majors,
      DecisionLedger ledger,
      IncidentChat chat) {
    this.incidents = incidents;
    this.majors = majors;
    this.ledger = ledger;
    this.chat = chat;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = incidentId(execution);
    MajorIncident.Decision decision =
        majors
            .takeDecision(id, MajorIncident.Decision.DECISION)
            .orElseThrow(
                () ->
                    new ControlRefusedException(
                        "major-incident-declarer",
                        "Nobody decided in \"Declare major incident?\" whether incident "
                            + id
                            + " is a major incident: there is nothing to record"));
    // the form's values are recorded now; the next decision starts from an empty form
    execution.removeVariables(List.of(MAJOR_DECISION, MAJOR_REASON, MAJOR_RELATED));
    var incident = incidents.find(id).orElseThrow();
    boolean declare = MAJOR_DECLARE.equals(decision.outcome());
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("priority", incident.priority());
    inputs.put("group", decision.decidedIn());
    if (declare) {
      inputs.put("relatedIncidents", decision.related());
    }
    ledger.record(
        Draft.of(
                DecisionContext.of(execution),
                "MAJOR_INCIDENT",
                DecidedBy.person(decision.decidedBy()))
            .inputs(inputs)
            .outcome(decision.outcome())
            .reason(decision.reason()));
    if (!declare) {
      log.info("Incident {}: not a major incident ({})", id, decision.decidedBy());
      return;
    }
    Instant now = EngineClock.now();
    String channel = requiredString(execution, IN_STAKEHOLDER_CHANNEL);
    majors.declare(id, decision.decidedBy(), decision.reason(), decision.decidedIn(), channel, now);
    decision.related().forEach(relatedId -> majors.link(id, relatedId, decision.decidedBy(), now));
    chat.post(
        id,
        execution.getProcessInstanceId(),
        "major-declared",
        channel,
        "Major incident declared by "
            + decision.decidedBy()
            + ": "
            + incident.title()
            + " ("
            + incident.service()
            + ", "
            + incident.priority()
            + "). "
            + decision.reason()
            + (decision.related().isEmpty()
                ? ""
                : " Related incidents: " + decision.related().size() + "."));
    log.info(
        "Incident {} declared a major incident by {}, {} related, process instance {}",
        id,
        decision.decidedBy(),
        decision.related().size(),
        execution.getProcessInstanceId());
  }
}
