package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.MajorIncident;
import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.governance.ControlRefusedException;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Record major incident review": the review a member made in "Major incident review" (kept by the
 * task's guard, taken once; this step started without one refuses) is stored and goes into the
 * decision ledger; the incident is RESOLVED again and may now close.
 */
@Component("recordMajorReview")
public class RecordMajorReviewDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RecordMajorReviewDelegate.class);

  private final MajorIncidentRepository majors;
  private final DecisionLedger ledger;

  public RecordMajorReviewDelegate(MajorIncidentRepository majors, DecisionLedger ledger) {
    this.majors = majors;
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = incidentId(execution);
    MajorIncident.Decision review =
        majors
            .takeDecision(id, MajorIncident.Decision.REVIEW)
            .orElseThrow(
                () ->
                    new ControlRefusedException(
                        "major-incident-review",
                        "Major incident "
                            + id
                            + " has no review from its \"Major incident review\" task: there is"
                            + " nothing to record"));
    // recorded now; a later review (after a reopen) starts from an empty form
    execution.removeVariables(List.of(REVIEW_SUMMARY, REVIEW_ACTIONS));
    majors.reviewed(id, review.decidedBy(), review.reason(), review.actions(), EngineClock.now());
    ledger.record(
        Draft.of(
                DecisionContext.of(execution),
                "MAJOR_INCIDENT_REVIEW",
                DecidedBy.person(review.decidedBy()))
            .outcome(review.outcome())
            .reason(review.reason()));
    log.info("Major incident {} reviewed by {}", id, review.decidedBy());
  }
}
