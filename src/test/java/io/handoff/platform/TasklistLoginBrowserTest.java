package io.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.HandoffSpringTest;
import io.handoff.support.browser.BrowserTestSupport;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In a real browser: a group member logs in to the Tasklist and sees only their group's work. */
@HandoffSpringTest
class TasklistLoginBrowserTest extends BrowserTestSupport {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;

  String deploymentId;

  @BeforeEach
  void startInstanceWithOneTaskPerTeam() {
    deploymentId =
        repositoryService
            .createDeployment()
            .addClasspathResource("bpmn/two-team-tasks.bpmn")
            .deploy()
            .getId();
    runtimeService.startProcessInstanceByKey("two-team-tasks");
  }

  @AfterEach
  void removeDeployment() {
    repositoryService.deleteDeployment(deploymentId, true);
  }

  @Test
  void anAccountsPayableClerkSeesOnlyTheirGroupsFilterAndTasks() throws Exception {
    browser().loginToTasklist("alice", "alice");
    List<String> filters = browser().filterNames();
    assertThat(filters)
        .anyMatch(f -> f.contains("Accounts payable"))
        .noneMatch(f -> f.contains("Service desk"));

    List<String> tasks = browser().openFilter("Accounts payable");
    browser().screenshot("tasklist-accounts-payable");
    assertThat(tasks)
        .anyMatch(t -> t.contains("Payables work"))
        .noneMatch(t -> t.contains("Service desk work"));
  }
}
