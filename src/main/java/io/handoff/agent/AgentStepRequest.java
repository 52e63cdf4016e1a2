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
 */
public record AgentStepRequest(
    String processInstanceId,
    String activityId,
    String task,
    String agentModel,
    Autonomy autonomy,
    double threshold,
    String text) {}
