package io.handoff.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.Spin;

/**
 * Variable names of the agent step. Inputs are {@code camunda:inputParameter}s set by the element
 * templates; results are process variables named {@code <resultVariable>} + a suffix, e.g. {@code
 * classificationProposal}.
 */
public final class AgentStepVariables {

  /** Input: the agent task, e.g. {@code classify-incident}. */
  public static final String AGENT_TASK = "agentTask";

  /** Input: {@code <provider>} or {@code <provider>:<model>}, default {@code local}. */
  public static final String AGENT_MODEL = "agentModel";

  /** Input: {@code autonomous}, {@code supervised} or {@code shadow}. */
  public static final String AUTONOMY = "autonomy";

  /** Input: the confidence threshold in [0,1]. */
  public static final String CONFIDENCE_THRESHOLD = "confidenceThreshold";

  /** Input: the text the agent works on (an expression such as {@code ${description}}). */
  public static final String AGENT_INPUT = "agentInput";

  /** Input: the prefix of the result variables. */
  public static final String RESULT_VARIABLE = "resultVariable";

  /** Result: the proposal (String label, or Spin JSON object of fields). */
  public static final String PROPOSAL = "Proposal";

  /** Result: the confidence in [0,1] (Double). */
  public static final String CONFIDENCE = "Confidence";

  /** Result: a short rationale (String). */
  public static final String RATIONALE = "Rationale";

  /** Result: whether a person must decide (Boolean). */
  public static final String NEEDS_HUMAN = "NeedsHuman";

  /** Result: the audit row id, to record a person's decision against (String). */
  public static final String AUDIT_ID = "AuditId";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AgentStepVariables() {}

  public static String proposal(String prefix) {
    return prefix + PROPOSAL;
  }

  public static String confidence(String prefix) {
    return prefix + CONFIDENCE;
  }

  public static String rationale(String prefix) {
    return prefix + RATIONALE;
  }

  public static String needsHuman(String prefix) {
    return prefix + NEEDS_HUMAN;
  }

  public static String auditId(String prefix) {
    return prefix + AUDIT_ID;
  }

  /** Writes a step's results as typed variables. */
  public static void writeResult(VariableScope scope, String prefix, AgentStepResult result) {
    scope.setVariable(proposal(prefix), proposalValue(result.proposal()));
    scope.setVariable(confidence(prefix), Variables.doubleValue(result.confidence()));
    scope.setVariable(rationale(prefix), Variables.stringValue(result.rationale()));
    scope.setVariable(needsHuman(prefix), Variables.booleanValue(result.needsHuman()));
    scope.setVariable(auditId(prefix), Variables.stringValue(result.auditId()));
  }

  /** The audit id written by the step with this prefix, or null. */
  public static String auditId(VariableScope scope, String prefix) {
    Object value = scope.getVariable(auditId(prefix));
    return value == null ? null : value.toString();
  }

  private static TypedValue proposalValue(Proposal proposal) {
    if (proposal == null) {
      return Variables.untypedNullValue();
    }
    if (!proposal.structured()) {
      return Variables.stringValue(proposal.label());
    }
    try {
      return Variables.untypedValue(Spin.JSON(JSON.writeValueAsString(proposal.fields())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the proposal as JSON", e);
    }
  }
}
