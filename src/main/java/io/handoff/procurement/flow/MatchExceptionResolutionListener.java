package io.handoff.procurement.flow;

import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.engine.ProcessVariables;
import io.handoff.platform.governance.ControlRefusedException;
import io.handoff.platform.governance.People;
import io.handoff.procurement.InvoiceVariables;
import io.handoff.procurement.store.InvoiceDecisionLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On completing "Resolve match exception": the outcome and a reason are required; the decision is
 * recorded, and whoever accepted a variance is remembered so they cannot also approve.
 */
@Component("matchExceptionResolutionListener")
public class MatchExceptionResolutionListener implements TaskListener {

  private static final Logger log = LoggerFactory.getLogger(MatchExceptionResolutionListener.class);
  private static final Set<String> OUTCOMES =
      Set.of(
          InvoiceVariables.OUTCOME_ACCEPT,
          InvoiceVariables.OUTCOME_CREDIT_NOTE,
          InvoiceVariables.OUTCOME_REJECT);

  private final InvoiceDecisionLog decisionLog;
  private final People people;

  public MatchExceptionResolutionListener(InvoiceDecisionLog decisionLog, People people) {
    this.decisionLog = decisionLog;
    this.people = people;
  }

  @Override
  public void notify(DelegateTask task) {
    String outcome = ProcessVariables.string(task, InvoiceVariables.EXCEPTION_OUTCOME);
    String reason = ProcessVariables.string(task, InvoiceVariables.EXCEPTION_REASON);
    if (outcome == null || !OUTCOMES.contains(outcome)) {
      throw new IllegalArgumentException(
          "Choose an outcome: accept the variance, request a credit note or reject the invoice.");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("A reason is required to resolve a match exception.");
    }
    String decider =
        people.actorsOn(task).stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new ControlRefusedException(
                        "segregation-of-duties",
                        "A match exception is resolved by a person: claim the task first."));
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put(
        InvoiceVariables.MATCH_PROBLEM,
        ProcessVariables.string(task, InvoiceVariables.MATCH_PROBLEM));
    decisionLog.record(
        InvoiceVariables.invoiceId(task),
        DecisionContext.of(task),
        InvoiceDecisionLog.Kind.EXCEPTION_RESOLUTION,
        DecidedBy.person(decider),
        inputs,
        outcome,
        reason);
    task.setVariable(InvoiceVariables.RESOLVED_BY_PERSON, true);
    if (InvoiceVariables.OUTCOME_ACCEPT.equals(outcome)) {
      task.setVariable(InvoiceVariables.VARIANCE_ACCEPTED_BY, decider);
    } else if (InvoiceVariables.OUTCOME_REJECT.equals(outcome)) {
      task.setVariable(InvoiceVariables.REJECTION_REASON, reason);
    }
    log.info(
        "Process instance {}: match exception resolved by {}: {} ({})",
        task.getProcessInstanceId(),
        decider,
        outcome,
        reason);
  }
}
