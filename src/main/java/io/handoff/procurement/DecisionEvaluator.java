package io.handoff.procurement;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * Evaluates a decision table deployed together with the calling process, so that a process version
 * always runs with the rules it was deployed with.
 */
@Component
public class DecisionEvaluator {

  private final RepositoryService repositoryService;
  private final DecisionService decisionService;

  public DecisionEvaluator(RepositoryService repositoryService, DecisionService decisionService) {
    this.repositoryService = repositoryService;
    this.decisionService = decisionService;
  }

  /** Finds the decision deployed with the given process definition, else the latest version. */
  public String decisionDefinitionId(String decisionKey, String processDefinitionId) {
    ProcessDefinition process = repositoryService.getProcessDefinition(processDefinitionId);
    DecisionDefinition decision =
        repositoryService
            .createDecisionDefinitionQuery()
            .decisionDefinitionKey(decisionKey)
            .deploymentId(process.getDeploymentId())
            .singleResult();
    if (decision == null) {
      decision =
          repositoryService
              .createDecisionDefinitionQuery()
              .decisionDefinitionKey(decisionKey)
              .latestVersion()
              .singleResult();
    }
    if (decision == null) {
      throw new IllegalStateException("Decision '" + decisionKey + "' is not deployed");
    }
    return decision.getId();
  }

  /** Evaluates a single-hit decision table and returns the entries of the rule that applied. */
  public DmnDecisionResultEntries evaluate(
      String decisionDefinitionId, Map<String, Object> inputs) {
    DmnDecisionResultEntries result =
        decisionService
            .evaluateDecisionById(decisionDefinitionId)
            .variables(inputs)
            .evaluate()
            .getSingleResult();
    if (result == null) {
      throw new IllegalStateException(
          "Decision " + decisionDefinitionId + " has no rule for " + inputs);
    }
    return result;
  }
}
