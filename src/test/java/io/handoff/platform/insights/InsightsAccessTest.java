package io.handoff.platform.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who may read the insights, and the answers to bad parameters. */
@HandoffSpringTest
class InsightsAccessTest extends RestTestSupport {

  static final String PATH = "/api/insights/invoice-three-way-match";

  @Test
  void processLeadsAuditorsAndAdministratorsMayRead() {
    for (String user : new String[] {DemoUsers.PETRA, DemoUsers.AUDREY, DemoUsers.ADMIN}) {
      as(user)
          .get(PATH)
          .then()
          .statusCode(200)
          .body("processKey", equalTo("invoice-three-way-match"));
      as(user).get("/api/insights").then().statusCode(200);
    }
  }

  @Test
  void everyoneElseIsRefusedWith403AndNoLoginWith401() {
    for (String user : new String[] {DemoUsers.INTEGRATION, DemoUsers.ALICE, DemoUsers.ERIN}) {
      as(user)
          .get(PATH)
          .then()
          .statusCode(403)
          .contentType(startsWith("application/problem+json"))
          .body("detail", containsString("process-leads"));
      as(user).get(PATH + "/elements").then().statusCode(403);
      as(user).get(PATH + "/diagram").then().statusCode(403);
    }
    anonymous()
        .get(PATH)
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", containsString("Basic"));
    io.restassured.RestAssured.given()
        .auth()
        .preemptive()
        .basic("nobody-" + System.nanoTime(), "wrong")
        .get(PATH)
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void aProcessLeadGetsNoOtherPartOfTheDomainApi() {
    as(DemoUsers.PETRA).get("/api/invoices").then().statusCode(403);
    as(DemoUsers.PETRA).get("/api/audit/agent-actions").then().statusCode(403);
  }

  @Test
  void theInsightsPageSendsABrowserWithoutLoginToTheWebappLogin() {
    anonymous()
        .redirects()
        .follow(false)
        .get("/insights/")
        .then()
        .statusCode(302)
        .header("Location", containsString("/camunda/app/welcome/default/"));
    as(DemoUsers.ALICE).get("/insights/").then().statusCode(403);
    as(DemoUsers.PETRA)
        .accept("text/html")
        .get("/insights/")
        .then()
        .statusCode(200)
        .body(containsString("bpmn-navigated-viewer"));
  }

  @Test
  void unknownProcessIs404() {
    as(DemoUsers.PETRA)
        .get("/api/insights/no-such-process")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
    as(DemoUsers.PETRA).get("/api/insights/no-such-process/elements").then().statusCode(404);
  }

  @Test
  void badDatesAreOne400NamingEveryField() {
    as(DemoUsers.PETRA)
        .queryParam("from", "yesterday")
        .queryParam("to", "2031-02-30")
        .queryParam("colour", "red")
        .get(PATH)
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("errors.field", containsInAnyOrder("from", "to", "colour"));
    as(DemoUsers.PETRA)
        .queryParam("from", "2031-03-10")
        .queryParam("to", "2031-03-03")
        .get(PATH + "/elements")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("to"));
    as(DemoUsers.PETRA)
        .queryParam("from", "2020-01-01")
        .queryParam("to", "2031-01-01")
        .get(PATH)
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("from", "to"));
    as(DemoUsers.PETRA)
        .queryParam("from", "2031-03-03")
        .queryParam("from", "2031-03-04")
        .queryParam("format", "xml")
        .get(PATH)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("from"));
    as(DemoUsers.PETRA)
        .queryParam("format", "xml")
        .get(PATH)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("format"));
  }

  @Test
  void theOpenApiDocumentDescribesTheInsightsCalls() {
    asIntegration()
        .get("/v3/api-docs")
        .then()
        .statusCode(200)
        .body("paths.'/api/insights/{processKey}'.get.tags", hasItem("Insights"))
        .body(
            "paths.'/api/insights/{processKey}'.get.parameters.name",
            org.hamcrest.Matchers.hasItems("processKey", "from", "to", "format"))
        .body(
            "paths.'/api/insights/{processKey}/elements'.get.summary",
            containsString("Bottlenecks"))
        .body(
            "components.schemas.ProcessInsights.properties.cycleTime",
            org.hamcrest.Matchers.notNullValue());
  }

  @Autowired JdbcClient jdbc;

  private long rows(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  @Test
  void readingInsightsChangesNothingAndGivesAProcessLeadNoEngineData() {
    long claims = rows("insight_task_claim");
    long ledger = rows("decision_ledger");
    long history = rows("ACT_HI_PROCINST");
    for (String path : new String[] {"", "/elements", "/diagram"}) {
      as(DemoUsers.PETRA).accept("*/*").get(PATH + path).then().statusCode(200);
    }
    as(DemoUsers.PETRA).get("/api/insights").then().statusCode(200);
    assertThat(rows("insight_task_claim")).isEqualTo(claims);
    assertThat(rows("decision_ledger")).isEqualTo(ledger);
    assertThat(rows("ACT_HI_PROCINST")).isEqualTo(history);

    // the insights role is no way into the engine's own records
    as(DemoUsers.PETRA)
        .get("/engine-rest/history/process-instance/count")
        .then()
        .statusCode(200)
        .body("count", equalTo(0));
    // variables need their own permission: refused outright
    as(DemoUsers.PETRA).get("/engine-rest/history/variable-instance/count").then().statusCode(403);
  }
}
