package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_AGREED;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_AUDIT_ID;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_COMMENT;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_OUTCOME;
import static io.handoff.vendor.VendorOnboardingVariables.DATA_PROCESSING_CLAUSE_PRESENT;
import static io.handoff.vendor.VendorOnboardingVariables.LIABILITY_CAP;
import static io.handoff.vendor.VendorOnboardingVariables.PAYMENT_TERMS;
import static io.handoff.vendor.VendorOnboardingVariables.REJECTION_REASON;

import io.handoff.platform.engine.ProcessVariables;
import io.handoff.platform.governance.People;
import io.handoff.vendor.VendorOnboarding;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On "Review contract" being created, marks the application as waiting for legal's contract review.
 * Stores and audits legal's reading of the contract when "Review contract" is completed, with
 * whether legal found the agent step's reading correct. (The agent audit gets legal's verdict from
 * the task's second listener, {@code recordAgentDecision}.)
 */
@Component("recordContractReview")
public class RecordContractReviewListener implements TaskListener {

  /** Who decided, when a task is completed with neither a login nor an assignee. */
  private static final String UNKNOWN_DECIDER = "unknown";

  private final VendorOnboarding onboarding;
  private final People people;

  public RecordContractReviewListener(VendorOnboarding onboarding, People people) {
    this.onboarding = onboarding;
    this.people = people;
  }

  @Override
  public void notify(DelegateTask task) {
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      onboarding.awaitContractReview(task.getProcessInstanceId());
      return;
    }
    String applicationId = onboarding.applicationIdOf(task.getProcessInstanceId());
    String outcome = ProcessVariables.string(task, CONTRACT_REVIEW_OUTCOME);
    if (!"ACCEPTED".equals(outcome) && !"REJECTED".equals(outcome)) {
      throw new IllegalArgumentException(
          CONTRACT_REVIEW_OUTCOME + " must be ACCEPTED or REJECTED, not " + outcome);
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("comment", ProcessVariables.string(task, CONTRACT_REVIEW_COMMENT));
    context.put("agentAuditId", ProcessVariables.string(task, CONTRACT_REVIEW_AUDIT_ID));
    context.put("agentReadingCorrect", ProcessVariables.bool(task, CONTRACT_REVIEW_AGREED));
    onboarding.recordContractReview(
        applicationId,
        people.deciderOn(task).orElse(UNKNOWN_DECIDER),
        ProcessVariables.string(task, PAYMENT_TERMS),
        ProcessVariables.string(task, LIABILITY_CAP),
        ProcessVariables.bool(task, DATA_PROCESSING_CLAUSE_PRESENT),
        outcome,
        context);
    if ("ACCEPTED".equals(outcome)) {
      onboarding.awaitApprovals(applicationId);
    }
    if ("REJECTED".equals(outcome)) {
      String comment = ProcessVariables.string(task, CONTRACT_REVIEW_COMMENT);
      task.getExecution()
          .setVariable(
              REJECTION_REASON,
              "Contract rejected by legal" + (comment == null ? "" : ": " + comment));
    }
  }
}
