package io.handoff.platform.errors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * Every refusal under {@code /api} is {@code application/problem+json} in the one schema (type,
 * title, status, detail, instance, errors), also when no controller takes the request.
 */
@HandoffSpringTest
class ProblemJsonEverywhereApiTest extends RestTestSupport {

  private static final String PROBLEM_JSON = "application/problem+json";

  private static ValidatableResponse inTheOneSchema(
      ValidatableResponse response, int status, String type, String instance) {
    return response
        .statusCode(status)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("urn:handoff:problem:" + type))
        .body("title", notNullValue())
        .body("status", equalTo(status))
        .body("detail", notNullValue())
        .body("instance", equalTo(instance))
        .body("errors", notNullValue());
  }

  @Test
  void anUnknownPathUnderApiIs404ProblemJson() {
    inTheOneSchema(
            asIntegration().get("/api/no-such-resource/42").then(),
            404,
            "not-found",
            "/api/no-such-resource/42")
        .body("errors", empty());
  }

  @Test
  void anUnknownPathIs404ProblemJsonEvenWhenTheClientAsksForHtml() {
    inTheOneSchema(
        given()
            .auth()
            .preemptive()
            .basic(DemoUsers.INTEGRATION, DemoUsers.passwordOf(DemoUsers.INTEGRATION))
            .accept("text/html")
            .get("/api/no-such-resource")
            .then(),
        404,
        "not-found",
        "/api/no-such-resource");
  }

  @Test
  void aMethodThePathDoesNotTakeIs405ProblemJsonWithAllow() {
    inTheOneSchema(
            asIntegration().delete("/api/invoices").then(),
            405,
            "method-not-allowed",
            "/api/invoices")
        .header("Allow", containsString("POST"))
        .body("detail", containsString("DELETE"));
  }

  @Test
  void aBodyTypeThePathDoesNotReadIs415ProblemJsonWithAccept() {
    inTheOneSchema(
            given()
                .auth()
                .preemptive()
                .basic(DemoUsers.INTEGRATION, DemoUsers.passwordOf(DemoUsers.INTEGRATION))
                .contentType("text/plain")
                .body("vendorId=V-1")
                .post("/api/invoices")
                .then(),
            415,
            "unsupported-media-type",
            "/api/invoices")
        .header("Accept", containsString("application/json"));
  }

  @Test
  void anAnswerTypeTheApiCannotGiveIs406ProblemJson() {
    inTheOneSchema(
        given()
            .auth()
            .preemptive()
            .basic(DemoUsers.INTEGRATION, DemoUsers.passwordOf(DemoUsers.INTEGRATION))
            .accept("application/xml")
            .get("/api/me")
            .then(),
        406,
        "not-acceptable",
        "/api/me");
  }

  @Test
  void withoutCredentialsAnUnknownPathIs401ProblemJson() {
    inTheOneSchema(
        anonymous().get("/api/no-such-resource").then(),
        401,
        "unauthorized",
        "/api/no-such-resource");
  }

  @Test
  void aDomainRefusalCarriesTheSameSchema() {
    inTheOneSchema(
            asIntegration().get("/api/incidents/00000000-0000-0000-0000-000000000000").then(),
            404,
            "not-found",
            "/api/incidents/00000000-0000-0000-0000-000000000000")
        .body("errors", empty());
  }

  @Test
  void pathsOutsideTheApiKeepSpringsAnswers() {
    given().accept("application/json").get("/no-such-page").then().statusCode(404);
  }
}
