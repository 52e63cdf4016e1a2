package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.ANNUAL_SPEND;
import static io.handoff.vendor.VendorOnboardingVariables.APPLICATION_ID;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_TEXT;
import static io.handoff.vendor.VendorOnboardingVariables.REQUESTER;
import static io.handoff.vendor.VendorOnboardingVariables.REQUEST_FINGERPRINT;

import io.handoff.platform.decision.Rules;
import io.handoff.platform.engine.ProcessVariables;
import io.handoff.vendor.VendorApplicationRequest;
import io.handoff.vendor.VendorOnboarding;
import io.handoff.vendor.VendorOnboardingVariables;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Stores the validated vendor data as an application. The contract text moves to the application
 * table and leaves the process variables, the annual spend stays as text for the forms.
 *
 * <p>Who requested it is taken from the engine, not from the {@code requester} variable (which a
 * caller's start variables can set): a start from the Tasklist or engine REST is requested by the
 * user the engine recorded as starting the instance. Only the domain API starts without a user; it
 * has chosen the application id (the business key) and names the requester it was given.
 */
@Component("registerVendorApplication")
public class RegisterVendorApplicationDelegate implements JavaDelegate {

  private final VendorOnboarding onboarding;
  private final HistoryService historyService;

  public RegisterVendorApplicationDelegate(
      VendorOnboarding onboarding, HistoryService historyService) {
    this.onboarding = onboarding;
    this.historyService = historyService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String startUser = startUserOf(execution.getProcessInstanceId());
    VendorApplicationRequest data = VendorOnboardingVariables.vendorData(execution);
    String applicationId;
    String requester;
    String requestHash = null;
    if (startUser == null && execution.getProcessBusinessKey() != null) {
      // the domain API: its application id is the business key, its requester and fingerprint
      // start variables set in this very transaction
      applicationId = execution.getProcessBusinessKey();
      requester = data.requestedBy();
      requestHash = ProcessVariables.string(execution, REQUEST_FINGERPRINT);
    } else {
      applicationId = UUID.randomUUID().toString();
      execution.setProcessBusinessKey(applicationId);
      requester = startUser;
    }
    if (requester == null || requester.isBlank()) {
      throw new IllegalStateException(
          "process instance " + execution.getProcessInstanceId() + " names no requester");
    }
    onboarding.register(
        applicationId, execution.getProcessInstanceId(), data, requester, requestHash);
    // mirrors for the forms and expressions; decisions read the application table
    execution.setVariable(APPLICATION_ID, applicationId);
    execution.setVariable(REQUESTER, requester);
    execution.removeVariable(CONTRACT_TEXT);
    // forms show the amount as text; the exact value is kept in the application table
    execution.setVariable(ANNUAL_SPEND, data.annualSpend().toPlainString());
  }

  /**
   * The user the engine recorded as starting the instance: in its history, or, while the instance's
   * history is not yet written (the transaction that starts it), the authenticated user of that
   * transaction, whom the engine records.
   */
  private String startUserOf(String processInstanceId) {
    HistoricProcessInstance history =
        Rules.asProcess(
            () ->
                historyService
                    .createHistoricProcessInstanceQuery()
                    .processInstanceId(processInstanceId)
                    .singleResult());
    if (history != null) {
      return history.getStartUserId();
    }
    return Context.getCommandContext() == null
        ? null
        : Context.getCommandContext().getAuthenticatedUserId();
  }
}
