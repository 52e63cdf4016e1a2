package io.handoff.agent.governance;

import io.handoff.agent.AgentProperties;
import io.handoff.agent.Autonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a model may declare for an agent step: a known agent task, an autonomy level that task
 * allows ({@code handoff.agent.tasks.<task>.allowed-autonomy}), a confidence threshold in [0,1] and
 * a result variable prefix. All four must be literal values in the model so that they are visible
 * and reviewable there.
 */
public class AgentStepPolicy {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, AgentProperties.TaskSettings> tasks;

  public AgentStepPolicy(AgentProperties props) {
    this.tasks = props.tasks();
  }

  /** The problems of a step's configuration; empty when it may be deployed. */
  public List<String> check(String task, String autonomy, String threshold, String resultVariable) {
    List<String> problems = new ArrayList<>();
    AgentProperties.TaskSettings settings = task == null ? null : tasks.get(task);
    if (task == null || task.isBlank()) {
      problems.add("input 'agentTask' is missing");
    } else if (isExpression(task)) {
      problems.add("input 'agentTask' must be a literal, not an expression");
    } else if (settings == null) {
      problems.add("agent task '" + task + "' is unknown; known: " + tasks.keySet());
    }
    Optional<Autonomy> level = autonomy == null ? Optional.empty() : Autonomy.fromId(autonomy);
    if (autonomy == null || autonomy.isBlank()) {
      problems.add("input 'autonomy' is missing");
    } else if (level.isEmpty()) {
      problems.add("autonomy '" + autonomy + "' is not a level (autonomous, supervised, shadow)");
    } else if (settings != null && !settings.allowedAutonomy().contains(autonomy)) {
      problems.add(
          "autonomy '"
              + autonomy
              + "' is not allowed for agent task '"
              + task
              + "'; allowed: "
              + String.join(", ", settings.allowedAutonomy()));
    }
    if (threshold == null || threshold.isBlank()) {
      if (level.orElse(null) == Autonomy.SUPERVISED) {
        problems.add("input 'confidenceThreshold' is required for a supervised step");
      }
    } else {
      try {
        double value = Double.parseDouble(threshold.strip());
        if (!(value >= 0.0 && value <= 1.0)) {
          problems.add("confidenceThreshold " + threshold + " is outside [0,1]");
        }
      } catch (NumberFormatException e) {
        problems.add("confidenceThreshold '" + threshold + "' is not a number in [0,1]");
      }
    }
    if (resultVariable == null || !IDENTIFIER.matcher(resultVariable.strip()).matches()) {
      problems.add("input 'resultVariable' must be a variable name prefix");
    }
    return problems;
  }

  private static boolean isExpression(String value) {
    return value.contains("${") || value.contains("#{");
  }
}
