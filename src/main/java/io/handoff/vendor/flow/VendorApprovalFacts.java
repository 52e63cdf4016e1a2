package io.handoff.vendor.flow;

import io.handoff.vendor.VendorApplication;
import io.handoff.vendor.store.Approvals;
import io.handoff.vendor.store.VendorApplications;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the flow of vendor onboarding decides on, read from the application and approvals tables of
 * the instance's application (found by process instance id), for expressions in the BPMN: the
 * approval groups of the multi-instance "Approve vendor", its completion condition and the gateways
 * after it and after the contract review.
 */
@Component("vendorApprovalFacts")
public class VendorApprovalFacts {

  private final VendorApplications applications;
  private final Approvals approvals;

  public VendorApprovalFacts(VendorApplications applications, Approvals approvals) {
    this.applications = applications;
    this.approvals = approvals;
  }

  /** The groups whose approval the risk assessment requires. */
  public List<String> requiredGroups(DelegateExecution execution) {
    return new ArrayList<>(application(execution).requiredApprovals());
  }

  /** Whether a group has rejected the application. */
  public boolean anyRejected(DelegateExecution execution) {
    return approvals.of(application(execution).applicationId()).stream()
        .anyMatch(x -> "REJECTED".equals(x.outcome()));
  }

  /** Whether every required group has approved the application and none rejected it. */
  public boolean allApproved(DelegateExecution execution) {
    VendorApplication a = application(execution);
    List<Approvals.Approval> decided = approvals.of(a.applicationId());
    return decided.stream().noneMatch(x -> "REJECTED".equals(x.outcome()))
        && a.requiredApprovals().stream()
            .allMatch(
                g ->
                    decided.stream()
                        .anyMatch(x -> g.equals(x.group()) && "APPROVED".equals(x.outcome())));
  }

  /** Whether the contract review (the agent step's reading or legal) accepted the contract. */
  public boolean contractAccepted(DelegateExecution execution) {
    return "ACCEPTED".equals(application(execution).contractOutcome());
  }

  /** Whether the contract review rejected the contract. */
  public boolean contractRejected(DelegateExecution execution) {
    return "REJECTED".equals(application(execution).contractOutcome());
  }

  private VendorApplication application(DelegateExecution execution) {
    return applications.ofProcess(execution.getProcessInstanceId());
  }
}
