package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.handoff.support.browser.TasklistBrowser;
import io.handoff.support.browser.TasklistSession;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a real browser: the service desk triages an incident whose category nobody (and no agent step)
 * could tell from its text, picking the category in the deployed triage form.
 */
@HandoffSpringTest
class TriageIncidentBrowserTest extends RestTestSupport {

  @RegisterExtension final TasklistSession tasklist = new TasklistSession();

  @Autowired TaskService taskService;

  @Test
  void serviceDeskPicksTheCategoryOfAVagueIncidentInTheTriageForm() throws Exception {
    // The text the classifier is least sure about (see IncidentTestSupport), so a person triages.
    String title = IncidentTestSupport.VAGUE_TITLE;
    Map<String, Object> report =
        Map.of(
            "title",
            title,
            "description",
            IncidentTestSupport.VAGUE_DESCRIPTION,
            "reporter",
            DemoUsers.ERIN,
            "service",
            "desk",
            "impact",
            "LOW",
            "urgency",
            "LOW");
    String incidentId =
        asIntegration()
            .body(report)
            .post("/api/incidents")
            .then()
            .statusCode(201)
            .body("status", equalTo("TRIAGE"))
            .extract()
            .path("incidentId");
    String processInstanceId =
        asIntegration()
            .get("/api/incidents/" + incidentId)
            .then()
            .extract()
            .path("processInstanceId");
    Task triage =
        taskService
            .createTaskQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKey(IncidentVariables.TRIAGE_TASK)
            .singleResult();
    assertThat(triage).as("triage task").isNotNull();

    TasklistBrowser browser = tasklist.browser();
    browser.loginToTasklist(DemoUsers.SAM);
    assertThat(browser.openFilter("Service desk"))
        .contains("Triage incident")
        .doesNotContain("Resolve match exception", "Approve invoice");
    browser.openTask(triage.getId());
    assertThat(browser.openTaskName()).isEqualTo("Triage incident");
    browser.claim();
    assertThat(browser.fieldValue("Title")).isEqualTo(title);
    assertThat(browser.fieldValue("Reporter")).isEqualTo(DemoUsers.ERIN);
    assertThat(browser.fieldValue("Provisional priority")).isEqualTo("P5");
    browser.maximizeTaskPane();
    browser.choose("Category", "Hardware");
    assertThat(browser.fieldValue("Password reset or account lockout?"))
        .isEqualTo("No, something else");
    browser.screenshot("incident-triage");
    browser.completeAndWaitUntilDone();

    asIntegration()
        .get("/api/incidents/" + incidentId)
        .then()
        .statusCode(200)
        .body("category", equalTo("hardware"))
        .body("status", equalTo("IN_PROGRESS"))
        .body("assignedGroup", notNullValue());
  }
}
