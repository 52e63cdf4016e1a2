package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Reset or unlock account" (autonomous): the identity connector carries out the reporter's
 * password reset or unlock. A refusal, or a technical failure on the last retry, raises {@code
 * REMEDIATION_FAILED} so the incident goes to the service desk instead of stopping.
 */
@Component("remediateIdentityRequest")
public class RemediateIdentityRequestDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RemediateIdentityRequestDelegate.class);

  private final IdentityConnector identity;

  public RemediateIdentityRequestDelegate(IdentityConnector identity) {
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = incidentId(execution);
    KnownRequest request = knownRequest(execution);
    String reporter = string(execution, REPORTER);
    try {
      identity.remediate(incidentId, reporter, request);
    } catch (IdentityConnector.IdentityRequestRefusedException refused) {
      log.warn(
          "Incident {}: {} refused for {}: {}; routing to the service desk, process instance {}",
          incidentId,
          request,
          reporter,
          refused.getMessage(),
          execution.getProcessInstanceId());
      throw new BpmnError(ERROR_REMEDIATION_FAILED, refused.getMessage());
    } catch (RuntimeException failure) {
      if (lastAttempt(execution)) {
        log.warn(
            "Incident {}: {} failed on the last attempt ({}); routing to the service desk,"
                + " process instance {}",
            incidentId,
            request,
            failure.toString(),
            execution.getProcessInstanceId());
        throw new BpmnError(ERROR_REMEDIATION_FAILED, failure.getMessage());
      }
      throw failure;
    }
    log.info(
        "Incident {}: {} for {} done ({}), process instance {}",
        incidentId,
        request,
        reporter,
        string(execution, IN_AUTONOMY_LEVEL),
        execution.getProcessInstanceId());
  }

  private static boolean lastAttempt(DelegateExecution execution) {
    Job job =
        execution
            .getProcessEngineServices()
            .getManagementService()
            .createJobQuery()
            .executionId(execution.getId())
            .singleResult();
    return job == null || job.getRetries() <= 1;
  }
}
