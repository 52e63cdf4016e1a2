package io.handoff.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import org.junit.jupiter.api.Test;

@HandoffSpringTest
class SecurityTest extends RestTestSupport {

  @Test
  void engineRestWithoutCredentialsIsUnauthorized() {
    given()
        .get("/engine-rest/engine")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("Basic"));
  }

  @Test
  void engineRestWithWrongPasswordIsUnauthorized() {
    given()
        .auth()
        .preemptive()
        .basic(DemoUsers.LEO, "wrong")
        .get("/engine-rest/engine")
        .then()
        .statusCode(401);
  }

  @Test
  void engineRestWithPlatformUserIsAllowed() {
    as(DemoUsers.ALICE)
        .get("/engine-rest/engine")
        .then()
        .statusCode(200)
        .body("[0].name", equalTo("default"));
  }

  @Test
  void engineRestCallBeyondTheUsersAuthorizationsIsForbidden() {
    // alice may work tasks, not administer users.
    as(DemoUsers.ALICE)
        .body("{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"mallory1\"}}")
        .post("/engine-rest/user/create")
        .then()
        .statusCode(403);
  }

  @Test
  void domainApiWithoutCredentialsIsUnauthorizedProblem() {
    anonymous()
        .get("/api/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Basic realm=\"Handoff\""))
        .body("status", equalTo(401));
  }

  @Test
  void domainApiWithWrongPasswordIsUnauthorized() {
    given().auth().preemptive().basic(DemoUsers.LEO, "nope").get("/api/me").then().statusCode(401);
  }

  @Test
  void domainApiForUserOutsideTheApiGroupsIsForbiddenProblem() {
    as(DemoUsers.ALICE)
        .get("/api/processes")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("status", equalTo(403));
  }

  @Test
  void domainApiForTheIntegrationUserIsAllowed() {
    asIntegration()
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("userId", equalTo("integration"))
        .body("groups", hasItem("integrators"));
  }

  @Test
  void healthIsPublicButMetricsNeedAnAdmin() {
    given().get("/actuator/health/liveness").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/actuator/prometheus").then().statusCode(401);
    as(DemoUsers.ALICE).get("/actuator/prometheus").then().statusCode(403);
    given()
        .auth()
        .preemptive()
        .basic("demo", "demo")
        .get("/actuator/prometheus")
        .then()
        .statusCode(200);
  }

  @Test
  void webappsShowTheProductName() {
    given()
        .get("/camunda/app/tasklist/scripts/config.js")
        .then()
        .statusCode(200)
        .body(containsString("vendor: 'Handoff'"))
        .body(containsString("disableWelcomeMessage: true"));
  }

  @Test
  void webappLoginStillWorksWithPlatformUsersAndKeepsItsCsrfProtection() {
    io.restassured.response.Response page = given().get("/camunda/app/tasklist/default/");
    String token = page.getCookie("XSRF-TOKEN");
    assertThat(token).isNotBlank();

    // Without the CSRF token the webapp refuses the login form (and drops that session).
    given()
        .cookies(given().get("/camunda/app/tasklist/default/").getCookies())
        .contentType("application/x-www-form-urlencoded")
        .formParam("username", "alice")
        .formParam("password", "alice")
        .post("/camunda/api/admin/auth/user/default/login/tasklist")
        .then()
        .statusCode(403);
    given()
        .cookies(page.getCookies())
        .header("X-XSRF-TOKEN", token)
        .contentType("application/x-www-form-urlencoded")
        .formParam("username", "alice")
        .formParam("password", "alice")
        .post("/camunda/api/admin/auth/user/default/login/tasklist")
        .then()
        .statusCode(200)
        .body("userId", equalTo("alice"));
    // A successful login starts a new session; a failed one is tried from a fresh page.
    io.restassured.response.Response another = given().get("/camunda/app/tasklist/default/");
    given()
        .cookies(another.getCookies())
        .header("X-XSRF-TOKEN", another.getCookie("XSRF-TOKEN"))
        .contentType("application/x-www-form-urlencoded")
        .formParam("username", DemoUsers.LEO)
        .formParam("password", "wrong")
        .post("/camunda/api/admin/auth/user/default/login/tasklist")
        .then()
        .statusCode(401);
  }
}
