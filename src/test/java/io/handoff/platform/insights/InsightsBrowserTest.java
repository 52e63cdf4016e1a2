package io.handoff.platform.insights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.browser.TasklistBrowser;
import io.handoff.support.browser.TasklistSession;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In a real browser, after a seeded run: a process lead logged in to the webapps opens the insights
 * page without logging in again, and every overlay on the diagram shows the API's figures.
 */
@HandoffSpringTest
class InsightsBrowserTest {

  static final Instant T0 = Instant.parse("2033-01-03T08:00:00Z");
  static final String QUERY = "from=2033-01-03&to=2033-01-17";

  @RegisterExtension final TasklistSession tasklist = new TasklistSession();

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private JsonPath api(String path) {
    return given()
        .port(port)
        .auth()
        .preemptive()
        .basic(DemoUsers.PETRA, DemoUsers.passwordOf(DemoUsers.PETRA))
        .get(path + "?" + QUERY)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void overlaysOnTheDiagramShowTheApiFiguresOfEveryElement() throws Exception {
    RestAssured.port = port;
    new InsightsScenario(T0, runtimeService, taskService, managementService, identityService).run();
    ClockUtil.reset();
    TasklistBrowser browser = tasklist.browser();
    browser.loginToTasklist(DemoUsers.PETRA);

    browser.driver().get("http://localhost:" + port + "/insights/?" + QUERY);
    WebElement row =
        browser
            .waiting()
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("tr[data-process-key='invoice-three-way-match']")));
    // open: instances running at the period's end, which may include other tests' (shared
    // database); the page shows what the API says
    String open = api("/api/insights/invoice-three-way-match").getString("instances.open");
    assertThat(row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
        .startsWith("Invoice three-way match", "3", "3", open, "2h", "9h", "66.7 %");

    row.findElement(By.tagName("a")).click();
    browser
        .waiting()
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-rendered]")));

    JsonPath elements = api("/api/insights/invoice-three-way-match/elements");
    List<Map<String, Object>> expected = elements.getList("elements");
    Map<String, Map<String, Object>> byId = new HashMap<>();
    expected.forEach(e -> byId.put((String) e.get("activityId"), e));
    List<WebElement> overlays = browser.driver().findElements(By.cssSelector(".insight-overlay"));
    String diagram =
        given()
            .port(port)
            .auth()
            .preemptive()
            .basic(DemoUsers.PETRA, DemoUsers.passwordOf(DemoUsers.PETRA))
            .get("/api/insights/invoice-three-way-match/diagram")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<String> shown =
        byId.keySet().stream()
            .filter(id -> diagram.contains("bpmnElement=\"" + id + "\""))
            .sorted()
            .toList();
    assertThat(shown).contains("ResolveMatchExceptionTask", "ApproveInvoiceTask");
    assertThat(overlays.stream().map(o -> o.getAttribute("data-activity-id")).sorted().toList())
        .as("one overlay per element of the diagram the API has figures for")
        .isEqualTo(shown);
    for (WebElement overlay : overlays) {
      String id = overlay.getAttribute("data-activity-id");
      Map<String, Object> e = byId.get(id);
      assertThat(e).as("API figures of " + id).isNotNull();
      assertThat(overlay.getAttribute("data-count"))
          .as(id + " count")
          .isEqualTo(String.valueOf(e.get("entered")));
      @SuppressWarnings("unchecked")
      Object p90 = ((Map<String, Object>) e.get("duration")).get("p90Ms");
      assertThat(overlay.getAttribute("data-p90-ms"))
          .as(id + " p90")
          .isEqualTo(p90 == null ? "" : String.valueOf(p90));
    }
    WebElement exception =
        browser
            .driver()
            .findElement(
                By.cssSelector(".insight-overlay[data-activity-id='ResolveMatchExceptionTask']"));
    assertThat(exception.getText()).isEqualTo("1 · p90 5h");
    assertThat(exception.getAttribute("data-share")).isEqualTo("0.625");

    List<String> weeklyRates =
        browser.driver().findElements(By.cssSelector("#chart-straight-through rect")).stream()
            .map(r -> r.getAttribute("data-value"))
            .toList();
    assertThat(weeklyRates).containsExactly("1", "0");

    Path shot = browser.screenshot("insights");
    Files.copy(shot, Path.of("docs/images/insights.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void incidentPageChartsTheWeeklySlaBreaches() {
    RestAssured.port = port;
    new InsightsScenario(
            T0.plus(Duration.ofDays(28)),
            runtimeService,
            taskService,
            managementService,
            identityService)
        .run();
    ClockUtil.reset();
    TasklistBrowser browser = tasklist.browser();
    browser.loginToTasklist(DemoUsers.PETRA);
    browser
        .driver()
        .get(
            "http://localhost:"
                + port
                + "/insights/?process=incident-escalation&from=2033-01-31&to=2033-02-14");
    browser
        .waiting()
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-rendered]")));
    assertThat(
            browser.driver().findElements(By.cssSelector("#chart-sla-breaches rect")).stream()
                .map(r -> r.getAttribute("data-value"))
                .toList())
        .containsExactly("2", "0");
    assertThat(
            browser
                .driver()
                .findElement(
                    By.cssSelector(".insight-overlay[data-activity-id='SlaReminderDueEvent']"))
                .getText())
        .startsWith("2 · p90 ");
  }
}
