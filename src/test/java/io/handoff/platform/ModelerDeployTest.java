package io.handoff.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.handoff.platform.deployment.ProcessResourceDeployer;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Camunda Modeler's deploy button and the start-up deployment of processes/ and forms/. */
@HandoffSpringTest
class ModelerDeployTest extends RestTestSupport {

  @Autowired RepositoryService repositoryService;
  @Autowired ProcessResourceDeployer deployer;

  private static byte[] diagram() throws IOException {
    try (InputStream in =
        ModelerDeployTest.class.getResourceAsStream("/bpmn/two-team-tasks.bpmn")) {
      return in.readAllBytes();
    }
  }

  @Test
  void modelerDeployWithAdminCredentialsCreatesADeployment() throws IOException {
    String id =
        given()
            .auth()
            .preemptive()
            .basic("demo", "demo")
            .multiPart("deployment-name", "modeler-deploy-test")
            .multiPart("deployment-source", "Camunda Modeler")
            .multiPart("deploy-changed-only", "true")
            .multiPart(
                "two-team-tasks.bpmn", "two-team-tasks.bpmn", diagram(), "application/octet-stream")
            .post("/engine-rest/deployment/create")
            .then()
            .statusCode(200)
            .body("id", notNullValue())
            .body("name", equalTo("modeler-deploy-test"))
            .extract()
            .path("id");
    assertThat(repositoryService.createProcessDefinitionQuery().deploymentId(id).count())
        .isEqualTo(1);
    repositoryService.deleteDeployment(id, true);
  }

  @Test
  void modelerDeployWithoutCredentialsIsRefused() throws IOException {
    long before = repositoryService.createDeploymentQuery().count();
    given()
        .multiPart("deployment-name", "anonymous-deploy")
        .multiPart(
            "two-team-tasks.bpmn", "two-team-tasks.bpmn", diagram(), "application/octet-stream")
        .post("/engine-rest/deployment/create")
        .then()
        .statusCode(401);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }

  @Test
  void modelerDeployByAnApproverIsForbidden() throws IOException {
    long before = repositoryService.createDeploymentQuery().count();
    given()
        .auth()
        .preemptive()
        .basic("alice", "alice")
        .multiPart("deployment-name", "approver-deploy")
        .multiPart(
            "two-team-tasks.bpmn", "two-team-tasks.bpmn", diagram(), "application/octet-stream")
        .post("/engine-rest/deployment/create")
        .then()
        .statusCode(403);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }

  @Test
  void startUpDeploysEachProcessFolderWithItsForms() {
    List<Deployment> deployments =
        repositoryService.createDeploymentQuery().deploymentSource("handoff").list();
    assertThat(deployments).isNotEmpty();
    for (Deployment d : deployments) {
      List<String> names = repositoryService.getDeploymentResourceNames(d.getId());
      assertThat(names)
          .as("deployment %s holds only its own process folder", d.getName())
          .allMatch(
              n ->
                  n.startsWith("processes/" + d.getName() + "/")
                      || n.startsWith("forms/" + d.getName() + "/"));
    }
  }

  @Test
  void unchangedProcessesAreNotRedeployed() throws IOException {
    long before = repositoryService.createDeploymentQuery().count();
    List<Deployment> again = deployer.deployAll();
    assertThat(again).isNotEmpty();
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }
}
