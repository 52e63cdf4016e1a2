package io.handoff.vendor.flow;

import io.handoff.vendor.VendorApplication;
import io.handoff.vendor.store.VendorApplications;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The inputs of vendor onboarding's business rule tasks, read from the application of the instance
 * (found by process instance id), never from process variables: a start variable or a variable
 * written over the engine's API cannot change what a table decides. Bound in the BPMN as input
 * parameters of the tasks, e.g. {@code ${vendorRuleFacts.country(execution)}}.
 */
@Component("vendorRuleFacts")
public class VendorRuleFacts {

  private final VendorApplications applications;

  public VendorRuleFacts(VendorApplications applications) {
    this.applications = applications;
  }

  /** The best similarity of the name to the sanctions list (0..1). */
  public double screeningScore(DelegateExecution execution) {
    BigDecimal score = application(execution).screeningScore();
    if (score == null) {
      throw new IllegalStateException(
          "Process instance " + execution.getProcessInstanceId() + " has not been screened");
    }
    return score.doubleValue();
  }

  /** {@code HIT}, {@code POSSIBLE_MATCH} (also when compliance cleared it) or {@code CLEAR}. */
  public String screeningOutcome(DelegateExecution execution) {
    return application(execution).screeningOutcome();
  }

  /** The vendor's country (ISO 3166-1 alpha-2). */
  public String country(DelegateExecution execution) {
    return application(execution).country();
  }

  public String category(DelegateExecution execution) {
    return application(execution).category();
  }

  public BigDecimal annualSpend(DelegateExecution execution) {
    return application(execution).annualSpend();
  }

  /** Whether the vendor will access personal or confidential data. */
  public boolean dataAccess(DelegateExecution execution) {
    return application(execution).dataAccess();
  }

  private VendorApplication application(DelegateExecution execution) {
    return applications.ofProcess(execution.getProcessInstanceId());
  }
}
