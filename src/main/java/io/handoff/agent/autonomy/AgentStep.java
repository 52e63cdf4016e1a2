package io.handoff.agent.autonomy;

/**
 * One agent step of one process: the unit whose autonomy is measured, lowered and raised.
 *
 * @param processDefinitionKey the process key, e.g. {@code incident-escalation}
 * @param activityId the step's element id, e.g. {@code ClassifyIncidentTask}
 */
public record AgentStep(String processDefinitionKey, String activityId) {

  public AgentStep {
    if (processDefinitionKey == null || processDefinitionKey.isBlank()) {
      throw new IllegalArgumentException("processDefinitionKey is required");
    }
    if (activityId == null || activityId.isBlank()) {
      throw new IllegalArgumentException("activityId is required");
    }
  }

  @Override
  public String toString() {
    return processDefinitionKey + "/" + activityId;
  }
}
