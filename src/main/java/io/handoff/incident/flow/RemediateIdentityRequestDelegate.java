package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IdentityConnector;
import io.handoff.incident.Incident;
import io.handoff.incident.KnownRequest;
import io.handoff.incident.store.IncidentRepository;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
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
  private final IncidentRepository incidents;

  public RemediateIdentityRequestDelegate(
      IdentityConnector identity, IncidentRepository incidents) {
    this.identity = identity;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = incidentId(execution);
    KnownRequest request = knownRequest(execution);
    // Who the incident is for comes from the incident table, who asked from the engine's own
    // record of who started the instance: the reset acts only for a reporter who asked themselves.
    String reporter =
        incidents
            .find(incidentId)
            .map(Incident::reporter)
            .orElseThrow(() -> new IllegalStateException("Incident " + incidentId + " unknown"));
    HistoricProcessInstance started =
        execution
            .getProcessEngineServices()
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .singleResult();
    String startedBy = started == null ? null : started.getStartUserId();
    if (startedBy == null || !startedBy.equals(reporter)) {
      String why =
          "A "
              + request
              + " acts only for the reporter who asked for it under their own login; "
              + reporter
              + "'s incident was reported "
              + (startedBy == null ? "through an integration" : "by " + startedBy)
              + ", so the service desk verifies it.";
      log.warn(
          "Incident {}: {}; routing to the service desk, process instance {}",
          incidentId,
          why,
          execution.getProcessInstanceId());
      throw new BpmnError(ERROR_REMEDIATION_FAILED, why);
    }
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
