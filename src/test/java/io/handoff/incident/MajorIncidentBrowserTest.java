package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.handoff.support.browser.TasklistBrowser;
import io.handoff.support.browser.TasklistSession;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a real browser: an IT manager declares a P1 a major incident in the deployed declaration form,
 * naming a related incident, and the API shows the declaration and the link.
 */
@HandoffSpringTest
class MajorIncidentBrowserTest extends RestTestSupport {

  @RegisterExtension final TasklistSession tasklist = new TasklistSession();

  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  private String report(String title, String impact, String urgency) {
    return asIntegration()
        .body(
            Map.of(
                "title",
                title,
                "description",
                "Every checkout ends in an error page",
                "reporter",
                DemoUsers.ERIN,
                "service",
                "checkout",
                "impact",
                impact,
                "urgency",
                urgency,
                "category",
                "application"))
        .post("/api/incidents")
        .then()
        .statusCode(201)
        .extract()
        .path("incidentId");
  }

  private String processInstance(String incidentId) {
    return asIntegration()
        .get("/api/incidents/" + incidentId)
        .then()
        .extract()
        .path("processInstanceId");
  }

  @Test
  void anItManagerDeclaresAP1AMajorIncidentInTheTasklistAndLinksARelatedIncident()
      throws Exception {
    String major = report("Checkout down " + System.nanoTime(), "HIGH", "HIGH");
    String related = report("Payment page slow " + System.nanoTime(), "MEDIUM", "MEDIUM");
    String instance = processInstance(major);
    managementService
        .createJobQuery()
        .processInstanceId(instance)
        .activityId("NotifyOnCallTask")
        .list()
        .forEach(job -> managementService.executeJob(job.getId()));
    Task declare =
        taskService
            .createTaskQuery()
            .processInstanceId(instance)
            .taskDefinitionKey(IncidentVariables.DECLARE_MAJOR_TASK)
            .singleResult();
    assertThat(declare).as("declaration task").isNotNull();

    TasklistBrowser browser = tasklist.browser();
    browser.loginToTasklist(DemoUsers.IAN);
    assertThat(browser.openFilter("IT managers")).contains("Declare major incident?");
    browser.openTask(declare.getId());
    assertThat(browser.openTaskName()).isEqualTo("Declare major incident?");
    browser.claim();
    assertThat(browser.fieldValue("Priority")).isEqualTo("P1");
    browser.maximizeTaskPane();
    browser.choose("Decision", "Declare a major incident");
    browser.fill("Why (told to the stakeholders)", "Checkout is down for every customer");
    browser.fill("Related incidents (ids, separated by commas)", related);
    browser.screenshot("incident-major-declare");
    browser.completeAndWaitUntilDone();

    asIntegration()
        .get("/api/incidents/" + major)
        .then()
        .statusCode(200)
        .body("majorIncident.declaredBy", equalTo(DemoUsers.IAN))
        .body("majorIncident.reason", equalTo("Checkout is down for every customer"))
        .body("majorIncident.related.incidentId", containsInAnyOrder(related));
    asIntegration()
        .get("/api/incidents/" + related)
        .then()
        .statusCode(200)
        .body("partOfMajorIncident", equalTo(major));
  }
}
