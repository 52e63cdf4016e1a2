package io.handoff.incident;

import io.handoff.platform.decision.Rules;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The incident process's decision tables (priority, SLA targets, assignment, agent category,
 * remediation evidence) and the inputs they take, evaluated through the platform's {@link Rules}.
 */
@Component
public class IncidentDecisions {

  public static final String PRIORITY = "incident-priority";
  public static final String SLA_TARGETS = "incident-sla-targets";
  public static final String ASSIGNMENT = "incident-assignment";
  public static final String AGENT_CATEGORY = "incident-agent-category";
  public static final String BUSINESS_CALENDAR = "incident-business-calendar";

  private final Rules rules;

  public IncidentDecisions(Rules rules) {
    this.rules = rules;
  }

  /** The one row a decision table must produce for these inputs, for a step of the incident. */
  public Map<String, Object> single(
      DelegateExecution execution, String decisionKey, Map<String, Object> inputs) {
    return rules.single(execution, decisionKey, inputs).getEntryMap();
  }

  public String priority(
      DelegateExecution execution,
      String decisionKey,
      Level impact,
      Level urgency,
      String category) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("impact", impact.name());
    inputs.put("urgency", urgency.name());
    inputs.put("category", category);
    return (String) single(execution, decisionKey, inputs).get("priority");
  }
}
