package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.SANCTIONS_REVIEW_COMMENT;
import static io.handoff.vendor.VendorOnboardingVariables.SANCTIONS_REVIEW_OUTCOME;

import io.handoff.platform.engine.ProcessVariables;
import io.handoff.platform.governance.People;
import io.handoff.vendor.VendorOnboarding;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Marks the application as waiting for compliance when "Review possible sanctions match" is
 * created, and audits compliance's decision on the match when the task is completed.
 */
@Component("recordSanctionsReview")
public class RecordSanctionsReviewListener implements TaskListener {

  /** Who decided, when a task is completed with neither a login nor an assignee. */
  private static final String UNKNOWN_DECIDER = "unknown";

  private final VendorOnboarding onboarding;
  private final People people;

  public RecordSanctionsReviewListener(VendorOnboarding onboarding, People people) {
    this.onboarding = onboarding;
    this.people = people;
  }

  @Override
  public void notify(DelegateTask task) {
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      onboarding.awaitSanctionsReview(task.getProcessInstanceId());
      return;
    }
    String outcome = ProcessVariables.string(task, SANCTIONS_REVIEW_OUTCOME);
    if (!"CLEARED".equals(outcome) && !"CONFIRMED_MATCH".equals(outcome)) {
      throw new IllegalArgumentException(
          SANCTIONS_REVIEW_OUTCOME + " must be CLEARED or CONFIRMED_MATCH, not " + outcome);
    }
    onboarding.recordSanctionsReview(
        onboarding.applicationIdOf(task.getProcessInstanceId()),
        people.deciderOn(task).orElse(UNKNOWN_DECIDER),
        outcome,
        ProcessVariables.string(task, SANCTIONS_REVIEW_COMMENT));
  }
}
