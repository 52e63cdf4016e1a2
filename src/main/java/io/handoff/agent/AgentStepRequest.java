package io.handoff.agent;

/**
 * One agent step to run.
 *
 * @param processInstanceId the process instance, for the audit
 * @param activityId the step's element id, for the audit
 * @param task the agent task id
 * @param agentModel {@code <provider>} or {@code <provider>:<model>}, e.g. {@code local} or {@code
 *     openai:gpt-4o-mini}
 * @param autonomy the step's autonomy level
 * @param threshold the confidence threshold (used by {@code supervised})
 * @param text the input text
 * @param processDefinitionKey the process the step belongs to (its autonomy is governed per step),
 *     or null outside a process
 */
public record AgentStepRequest(
    String processInstanceId,
    String activityId,
    String task,
    String agentModel,
    Autonomy autonomy,
    double threshold,
    String text,
    String processDefinitionKey) {

  /** A request outside a governed process step. */
  public AgentStepRequest(
      String processInstanceId,
      String activityId,
      String task,
      String agentModel,
      Autonomy autonomy,
      double threshold,
      String text) {
    this(processInstanceId, activityId, task, agentModel, autonomy, threshold, text, null);
  }
}
