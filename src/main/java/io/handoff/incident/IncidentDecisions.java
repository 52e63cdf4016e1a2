package io.handoff.incident;

import java.util.Map;
import java.util.concurrent.Callable;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Evaluates the process's DMN tables (priority, SLA targets, assignment). The rules are the process
 * owner's; evaluating them is part of the process, so it does not depend on the permissions of
 * whoever completed the preceding task.
 */
@Component
public class IncidentDecisions {

  public static final String PRIORITY = "incident-priority";
  public static final String SLA_TARGETS = "incident-sla-targets";
  public static final String ASSIGNMENT = "incident-assignment";
  public static final String AGENT_CATEGORY = "incident-agent-category";

  private final DecisionService decisionService;

  public IncidentDecisions(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  /** The one row a decision table must produce for these inputs. */
  public Map<String, Object> single(String decisionKey, Map<String, Object> inputs) {
    Callable<DmnDecisionResult> evaluation =
        () -> decisionService.evaluateDecisionByKey(decisionKey).variables(inputs).evaluate();
    DmnDecisionResult result;
    try {
      CommandContext context = Context.getCommandContext();
      result = context == null ? evaluation.call() : context.runWithoutAuthorization(evaluation);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Decision " + decisionKey + " failed", e);
    }
    if (result.isEmpty()) {
      throw new IllegalStateException("Decision " + decisionKey + " has no rule for " + inputs);
    }
    return result.getSingleResult().getEntryMap();
  }

  public String priority(String decisionKey, Level impact, Level urgency, String category) {
    java.util.HashMap<String, Object> inputs = new java.util.HashMap<>();
    inputs.put("impact", impact.name());
    inputs.put("urgency", urgency.name());
    inputs.put("category", category);
    return (String) single(decisionKey, inputs).get("priority");
  }
}
