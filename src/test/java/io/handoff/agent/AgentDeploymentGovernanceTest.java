package io.handoff.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The platform, not convention, enforces the autonomy levels each agent task allows. */
@HandoffSpringTest
class AgentDeploymentGovernanceTest extends RestTestSupport {

  static final String REFUSED_RESOURCE = "/bpmn/agent/review-contract-autonomous.bpmn";

  @Autowired RepositoryService repositoryService;

  private static byte[] refusedDiagram() throws IOException {
    try (InputStream in =
        AgentDeploymentGovernanceTest.class.getResourceAsStream(REFUSED_RESOURCE)) {
      return in.readAllBytes();
    }
  }

  private static BpmnModelInstance single(
      String key, String agentTask, String autonomy, String threshold) {
    return AgentStepModels.step(
            Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1)
                .startEvent("StartEvent")
                .serviceTask(AgentStepModels.STEP),
            agentTask,
            "local",
            autonomy,
            threshold,
            "result")
        .endEvent("DoneEndEvent")
        .done();
  }

  private long deployments() {
    return repositoryService.createDeploymentQuery().count();
  }

  @Test
  void reviewContractDeclaredAutonomousIsRefusedAtDeployment() throws IOException {
    long before = deployments();

    assertThatThrownBy(
            () ->
                repositoryService
                    .createDeployment()
                    .name("refused")
                    .addInputStream(
                        "review-contract-autonomous.bpmn",
                        new java.io.ByteArrayInputStream(refusedDiagram()))
                    .deploy())
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("Agent step 'ReviewContractTask' is refused")
        .hasMessageContaining(
            "autonomy 'autonomous' is not allowed for agent task 'review-contract'")
        .hasMessageContaining("allowed: supervised, shadow");
    assertThat(deployments()).isEqualTo(before);
  }

  @Test
  void modelerDeployOfAForbiddenLevelGets400WithTheReason() throws IOException {
    long before = deployments();

    given()
        .auth()
        .preemptive()
        .basic("demo", "demo")
        .multiPart("deployment-name", "refused-autonomy")
        .multiPart(
            "review-contract-autonomous.bpmn",
            "review-contract-autonomous.bpmn",
            refusedDiagram(),
            "application/octet-stream")
        .post("/engine-rest/deployment/create")
        .then()
        .statusCode(400)
        .body("type", containsString("ParseException"))
        .body(
            "message",
            containsString(
                "autonomy 'autonomous' is not allowed for agent task 'review-contract'"));
    assertThat(deployments()).isEqualTo(before);
  }

  @Test
  void unknownAgentTaskIsRefused() {
    String key = AgentStepModels.key("unknown-task");
    assertThatThrownBy(
            () ->
                AgentStepModels.deploy(
                    repositoryService, key, single(key, "summarise-email", "shadow", "0.5")))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("agent task 'summarise-email' is unknown");
  }

  @Test
  void thresholdOutsideZeroToOneIsRefused() {
    String key = AgentStepModels.key("bad-threshold");
    assertThatThrownBy(
            () ->
                AgentStepModels.deploy(
                    repositoryService, key, single(key, "classify-incident", "supervised", "1.5")))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("confidenceThreshold 1.5 is outside [0,1]");
  }

  @Test
  void autonomyGivenAsAnExpressionIsRefused() {
    String key = AgentStepModels.key("expression-autonomy");
    assertThatThrownBy(
            () ->
                AgentStepModels.deploy(
                    repositoryService, key, single(key, "classify-incident", "${level}", "0.5")))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("autonomy '${level}' is not a level");
  }

  @Test
  void everyAllowedLevelDeploys() {
    for (String[] allowed :
        new String[][] {
          {"classify-incident", "autonomous"},
          {"classify-incident", "supervised"},
          {"classify-incident", "shadow"},
          {"review-contract", "supervised"},
          {"review-contract", "shadow"}
        }) {
      String key = AgentStepModels.key("allowed");
      String id =
          AgentStepModels.deploy(
              repositoryService, key, single(key, allowed[0], allowed[1], "0.75"));
      assertThat(repositoryService.createProcessDefinitionQuery().deploymentId(id).count())
          .as("%s %s", allowed[0], allowed[1])
          .isEqualTo(1);
      repositoryService.deleteDeployment(id, true);
    }
  }
}
