package io.handoff.agent.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.handoff.agent.AgentStepVariables;
import io.handoff.agent.Proposal;
import io.handoff.agent.autonomy.AgentStep;
import io.handoff.agent.autonomy.AutonomyGovernor;
import io.handoff.agent.metrics.AgreementMonitor;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.governance.People;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.json.SpinJsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code recordAgentDecision}: records a person's decision against an agent step's proposal, from a
 * user task's complete listener, with no Java in the process:
 *
 * <pre>{@code
 * <camunda:taskListener event="complete"
 *     expression="${recordAgentDecision.record(task, 'classification', 'incidentCategory')}" />
 * <camunda:taskListener event="complete"
 *     expression="${recordAgentDecision.recordVerdict(task, 'contractReview', 'contractReviewAgreed')}" />
 * }</pre>
 *
 * The first argument after {@code task} is the agent step's {@code resultVariable} prefix (its
 * {@code <prefix>AuditId} names the audit row). {@code record} compares the decision variable with
 * the proposal (labels case-insensitively; for structured proposals every field the decision
 * carries must equal the proposal's); {@code recordVerdict} takes a boolean variable saying whether
 * the person agreed. The person is who completes the task (else its assignee).
 */
@Component("recordAgentDecision")
public class AgentDecisionRecorder {

  private static final Logger log = LoggerFactory.getLogger(AgentDecisionRecorder.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AgentAuditRepository audit;
  private final AgreementMonitor agreement;
  private final AutonomyGovernor governor;
  private final People people;

  public AgentDecisionRecorder(
      AgentAuditRepository audit,
      AgreementMonitor agreement,
      AutonomyGovernor governor,
      People people) {
    this.people = people;
    this.audit = audit;
    this.agreement = agreement;
    this.governor = governor;
  }

  /** Records the value of {@code decisionVariable} as the person's decision. */
  public void record(DelegateTask task, String resultVariable, String decisionVariable) {
    AgentAction action = action(task, resultVariable);
    if (action == null) {
      return;
    }
    JsonNode decision = toJson(task.getVariable(decisionVariable));
    JsonNode proposal = proposal(action);
    Boolean agrees = proposal == null || decision == null ? null : agrees(proposal, decision);
    save(task, action, decision == null ? null : decision.toString(), agrees);
  }

  /** Records whether the person agreed, from the boolean {@code agreesVariable}. */
  public void recordVerdict(DelegateTask task, String resultVariable, String agreesVariable) {
    AgentAction action = action(task, resultVariable);
    if (action == null) {
      return;
    }
    Object value = task.getVariable(agreesVariable);
    Boolean agrees = value == null ? null : Boolean.valueOf(value.toString());
    String decision =
        agrees == null ? null : TextNode.valueOf(agrees ? "agree" : "disagree").toString();
    save(task, action, decision, proposal(action) == null ? null : agrees);
  }

  private AgentAction action(DelegateTask task, String resultVariable) {
    String auditId = AgentStepVariables.auditId(task, resultVariable);
    AgentAction action = auditId == null ? null : audit.find(auditId).orElse(null);
    if (action == null) {
      log.warn(
          "Task {} in process instance {}: no agent step result '{}' to record a decision against",
          task.getTaskDefinitionKey(),
          task.getProcessInstanceId(),
          resultVariable);
    }
    return action;
  }

  private void save(DelegateTask task, AgentAction action, String decision, Boolean agrees) {
    String decidedBy = people.deciderOn(task).orElse(null);
    audit.recordDecision(action.id(), decidedBy, decision, agrees, EngineClock.now());
    agreement.refreshAfterCommit(action.task());
    if (action.processDefinitionKey() != null) {
      governor.evaluate(
          new AgentStep(action.processDefinitionKey(), action.activityId()), action.task());
    }
    log.info(
        "Process instance {}: {} decided on agent proposal {} ({}): {}",
        task.getProcessInstanceId(),
        decidedBy,
        action.id(),
        action.task(),
        agrees == null ? "no comparison" : agrees ? "agrees" : "overrides");
  }

  private static JsonNode proposal(AgentAction action) {
    if (action.output() == null) {
      return null;
    }
    try {
      JsonNode proposal = JSON.readTree(action.output()).get("proposal");
      // An "unknown" proposal names nothing: a person's decision neither agrees nor disagrees.
      return proposal == null
              || proposal.isNull()
              || (proposal.isTextual() && Proposal.UNKNOWN.equals(proposal.asText()))
          ? null
          : proposal;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static JsonNode toJson(Object value) {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof SpinJsonNode spin) {
        return JSON.readTree(spin.toString());
      }
      if (value instanceof Map<?, ?> map) {
        return JSON.valueToTree(map);
      }
      if (value instanceof String s && s.strip().startsWith("{")) {
        return JSON.readTree(s);
      }
      return JSON.valueToTree(value);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(value.toString());
    }
  }

  static boolean agrees(JsonNode proposal, JsonNode decision) {
    if (proposal.isTextual()) {
      return decision.isValueNode()
          && proposal
              .asText()
              .strip()
              .toLowerCase(Locale.ROOT)
              .equals(decision.asText().strip().toLowerCase(Locale.ROOT));
    }
    if (!proposal.isObject() || !decision.isObject() || decision.isEmpty()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = decision.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode proposed = proposal.get(field.getKey());
      if (proposed == null || !sameValue(proposed, field.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }
}
