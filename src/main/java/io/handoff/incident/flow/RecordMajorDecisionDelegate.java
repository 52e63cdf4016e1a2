package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentChat;
import io.handoff.incident.MajorIncidentRules;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
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
 * "Record major incident decision": the decision of "Declare major incident?" goes into the
 * decision ledger; a declaration is recorded with the incidents it links, and the stakeholder
 * channel (the task's {@code stakeholderChannel} input) hears of it at once.
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
    String decision = requiredString(execution, MAJOR_DECISION);
    String decidedBy = requiredString(execution, MAJOR_DECLARED_BY);
    String reason = string(execution, MAJOR_REASON);
    List<String> related = MajorIncidentRules.parseIds(string(execution, MAJOR_RELATED));
    var incident = incidents.find(id).orElseThrow();
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("priority", incident.priority());
    inputs.put("group", requiredString(execution, MAJOR_DECLARE_GROUP));
    if (MAJOR_DECLARE.equals(decision)) {
      inputs.put("relatedIncidents", related);
    }
    ledger.record(
        Draft.of(DecisionContext.of(execution), "MAJOR_INCIDENT", DecidedBy.person(decidedBy))
            .inputs(inputs)
            .outcome(decision)
            .reason(reason));
    if (!MAJOR_DECLARE.equals(decision)) {
      log.info("Incident {}: not a major incident ({})", id, decidedBy);
      return;
    }
    Instant now = EngineClock.now();
    String channel = requiredString(execution, IN_STAKEHOLDER_CHANNEL);
    majors.declare(
        id, decidedBy, reason, requiredString(execution, MAJOR_DECLARE_GROUP), channel, now);
    related.forEach(relatedId -> majors.link(id, relatedId, decidedBy, now));
    chat.post(
        id,
        execution.getProcessInstanceId(),
        "major-declared",
        channel,
        "Major incident declared by "
            + decidedBy
            + ": "
            + incident.title()
            + " ("
            + incident.service()
            + ", "
            + incident.priority()
            + "). "
            + reason
            + (related.isEmpty() ? "" : " Related incidents: " + related.size() + "."));
    log.info(
        "Incident {} declared a major incident by {}, {} related, process instance {}",
        id,
        decidedBy,
        related.size(),
        execution.getProcessInstanceId());
  }
}
