package io.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Authorizations: each group sees and works only its own tasks, through the engine REST API. */
@HandoffSpringTest
class TaskVisibilityTest extends RestTestSupport {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  String deploymentId;
  ProcessInstance instance;

  @BeforeEach
  void startInstanceWithOneTaskPerTeam() {
    deploymentId =
        repositoryService
            .createDeployment()
            .addClasspathResource("bpmn/two-team-tasks.bpmn")
            .deploy()
            .getId();
    instance = runtimeService.startProcessInstanceByKey("two-team-tasks");
  }

  @AfterEach
  void removeDeployment() {
    repositoryService.deleteDeployment(deploymentId, true);
  }

  private Task taskOf(String activityId) {
    return taskService
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(activityId)
        .singleResult();
  }

  @Test
  void aGroupMemberSeesOnlyTheTasksOfTheirGroups() {
    as(DemoUsers.ALICE)
        .queryParam("processInstanceId", instance.getId())
        .get("/engine-rest/task")
        .then()
        .statusCode(200)
        .body("$", hasSize(1))
        .body("[0].taskDefinitionKey", equalTo("PayablesTask"));
    as(DemoUsers.SAM)
        .queryParam("processInstanceId", instance.getId())
        .get("/engine-rest/task")
        .then()
        .statusCode(200)
        .body("$", hasSize(1))
        .body("[0].taskDefinitionKey", equalTo("ServiceDeskTask"));
    as(DemoUsers.ERIN)
        .queryParam("processInstanceId", instance.getId())
        .get("/engine-rest/task")
        .then()
        .statusCode(200)
        .body("$", hasSize(0));
  }

  @Test
  void aUserCannotCompleteAnotherGroupsTask() {
    String serviceDeskTask = taskOf("ServiceDeskTask").getId();
    as(DemoUsers.ALICE)
        .body("{}")
        .post("/engine-rest/task/{id}/complete", serviceDeskTask)
        .then()
        .statusCode(403);
    assertThat(taskOf("ServiceDeskTask")).isNotNull();

    as(DemoUsers.SAM)
        .body("{}")
        .post("/engine-rest/task/{id}/complete", serviceDeskTask)
        .then()
        .statusCode(204);
    assertThat(taskOf("ServiceDeskTask")).isNull();
  }

  @Test
  void eachGroupHasItsOwnTasklistFilter() {
    List<String> alicesFilters =
        as(DemoUsers.ALICE)
            .get("/engine-rest/filter")
            .then()
            .statusCode(200)
            .extract()
            .path("name");
    assertThat(alicesFilters)
        .contains("Accounts payable", "My tasks")
        .doesNotContain("Service desk");
    as(DemoUsers.SAM)
        .get("/engine-rest/filter")
        .then()
        .body("name", hasItem("Service desk"))
        .body("name", not(hasItem("Accounts payable")));
  }
}
