package io.handoff.agent;

import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;

/**
 * Small test processes around one agent step: the step, a gateway on {@code <prefix>NeedsHuman} and
 * a user task that records the person's decision, the way the incident and vendor processes use it.
 */
final class AgentStepModels {

  static final String STEP = "AgentStepTask";
  static final String GATEWAY = "NeedsPersonGateway";
  static final String DECIDE_TASK = "DecideTask";
  static final String DECIDED_END = "DecidedByPersonEndEvent";
  static final String ACCEPTED_END = "ProposalAcceptedEndEvent";
  static final String INPUT_VARIABLE = "description";
  static final String DECISION_VARIABLE = "decision";
  static final String AGREES_VARIABLE = "agreed";

  private AgentStepModels() {}

  /** A unique process key, so tests do not share definitions. */
  static String key(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The step with its inputs as the element templates set them. */
  static ServiceTaskBuilder step(
      ServiceTaskBuilder task,
      String agentTask,
      String agentModel,
      String autonomy,
      String threshold,
      String prefix) {
    return task.camundaDelegateExpression("${agentStep}")
        .camundaInputParameter(AgentStepVariables.AGENT_TASK, agentTask)
        .camundaInputParameter(AgentStepVariables.AGENT_MODEL, agentModel)
        .camundaInputParameter(AgentStepVariables.AUTONOMY, autonomy)
        .camundaInputParameter(AgentStepVariables.CONFIDENCE_THRESHOLD, threshold)
        .camundaInputParameter(AgentStepVariables.AGENT_INPUT, "${" + INPUT_VARIABLE + "}")
        .camundaInputParameter(AgentStepVariables.RESULT_VARIABLE, prefix);
  }

  /** Step → gateway on NeedsHuman → user task recording the decision (or straight to the end). */
  static BpmnModelInstance routed(
      String key,
      String agentTask,
      String autonomy,
      String threshold,
      String prefix,
      String listenerExpression) {
    return step(
            Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1)
                .startEvent("StartEvent")
                .serviceTask(STEP),
            agentTask,
            "local",
            autonomy,
            threshold,
            prefix)
        .exclusiveGateway(GATEWAY)
        .condition("a person decides", "${" + AgentStepVariables.needsHuman(prefix) + "}")
        .userTask(DECIDE_TASK)
        .camundaCandidateGroups("service-desk")
        .camundaTaskListenerExpression("complete", listenerExpression)
        .endEvent(DECIDED_END)
        .moveToNode(GATEWAY)
        .condition("the proposal stands", "${!" + AgentStepVariables.needsHuman(prefix) + "}")
        .endEvent(ACCEPTED_END)
        .done();
  }

  /** A routed classify-incident process whose user task records the decision variable. */
  static BpmnModelInstance classify(String key, String autonomy, String threshold) {
    return routed(
        key,
        "classify-incident",
        autonomy,
        threshold,
        "classification",
        "${recordAgentDecision.record(task, 'classification', '" + DECISION_VARIABLE + "')}");
  }

  static String deploy(RepositoryService repositoryService, String key, BpmnModelInstance model) {
    return repositoryService
        .createDeployment()
        .name(key)
        .addModelInstance(key + ".bpmn", model)
        .deploy()
        .getId();
  }
}
