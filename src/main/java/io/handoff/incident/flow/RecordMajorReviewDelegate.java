package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Record major incident review": the review is stored and goes into the decision ledger; the
 * incident is RESOLVED again and may now close.
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
    String reviewer = requiredString(execution, MAJOR_REVIEWED_BY);
    String summary = requiredString(execution, REVIEW_SUMMARY);
    majors.reviewed(id, reviewer, summary, string(execution, REVIEW_ACTIONS), EngineClock.now());
    ledger.record(
        Draft.of(DecisionContext.of(execution), "MAJOR_INCIDENT_REVIEW", DecidedBy.person(reviewer))
            .outcome("REVIEWED")
            .reason(summary));
    log.info("Major incident {} reviewed by {}", id, reviewer);
  }
}
