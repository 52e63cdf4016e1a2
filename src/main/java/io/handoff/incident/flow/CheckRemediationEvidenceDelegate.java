package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.agent.audit.AgentAction;
import io.handoff.agent.audit.AgentAuditRepository;
import io.handoff.agent.task.ClassifyIncidentTask;
import io.handoff.incident.Incident;
import io.handoff.incident.IncidentDecisions;
import io.handoff.incident.KnownRequest;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.decision.DeclaredDecision;
import io.handoff.platform.engine.EngineClock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Evidence to act alone?": before a password reset or unlock runs with no person, the process
 * owner's decision table (the step's property {@code decision}, shipped as {@code
 * incident-remediation-evidence}) says whether the evidence suffices: who decided it is such a
 * request (a person in triage, the reporter with a category at intake, or the agent), the agent's
 * proposal and calibrated confidence, the reporter's own answers at intake and the words of the
 * text. Every fact comes from the system of record (the incident row, the agent audit), never from
 * process variables a caller could have sent along. Writes {@code remediationActAlone} and {@code
 * remediationEvidence}.
 */
@Component("checkRemediationEvidence")
public class CheckRemediationEvidenceDelegate implements JavaDelegate {

  public static final String DEFAULT_DECISION = "incident-remediation-evidence";

  private static final Logger log = LoggerFactory.getLogger(CheckRemediationEvidenceDelegate.class);

  private final IncidentRepository incidents;
  private final IncidentDecisions decisions;
  private final AgentAuditRepository agentAudit;

  public CheckRemediationEvidenceDelegate(
      IncidentRepository incidents, IncidentDecisions decisions, AgentAuditRepository agentAudit) {
    this.incidents = incidents;
    this.decisions = decisions;
    this.agentAudit = agentAudit;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String decision = DeclaredDecision.of(execution);
    String id = incidentId(execution);
    Incident incident =
        incidents.find(id).orElseThrow(() -> new IllegalStateException("No incident " + id));
    AgentAction classification =
        agentAudit.findByProcessInstance(execution.getProcessInstanceId()).stream()
            .filter(a -> ClassifyIncidentTask.ID.equals(a.task()))
            .max(Comparator.comparing(AgentAction::createdAt))
            .orElse(null);

    Map<String, Object> inputs = new HashMap<>();
    inputs.put("remediation", incident.knownRequest().name());
    inputs.put("decidedByPerson", incident.triagedBy() != null);
    inputs.put("agentProposal", proposalOf(classification));
    inputs.put(
        "agentConfidence",
        classification == null || classification.output() == null
            ? null
            : classification.confidence().doubleValue());
    inputs.put(
        "reportedKnownRequest",
        incident.reportedKnownRequest() == null
            ? KnownRequest.NONE.name()
            : incident.reportedKnownRequest().name());
    inputs.put("reportedCategory", incident.reportedCategory());
    inputs.put(
        "incidentText",
        incident.title() + ". " + (incident.description() == null ? "" : incident.description()));
    Map<String, Object> verdict = decisions.single(execution, decision, inputs);
    boolean actAlone = Boolean.TRUE.equals(verdict.get("actAlone"));
    String evidence = String.valueOf(verdict.get("evidence"));
    setBoolean(execution, REMEDIATION_ACT_ALONE, actAlone);
    setString(execution, REMEDIATION_EVIDENCE, evidence);
    incidents.recordRemediationEvidence(id, evidence, EngineClock.now());
    log.info(
        "Incident {}: {} {} alone: {} (agent {} at {}), process instance {}",
        id,
        incident.knownRequest(),
        actAlone ? "may run" : "may not run",
        evidence,
        inputs.get("agentProposal"),
        inputs.get("agentConfidence"),
        execution.getProcessInstanceId());
  }

  /** The label the agent proposed, from its audit row; null when it was not asked or failed. */
  private static String proposalOf(AgentAction classification) {
    if (classification == null || classification.output() == null) {
      return null;
    }
    try {
      var node =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(classification.output())
              .get("proposal");
      return node == null || node.isNull() ? null : node.asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Unreadable agent output " + classification.id(), e);
    }
  }
}
