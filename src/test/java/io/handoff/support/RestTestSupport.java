package io.handoff.support;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base for HTTP tests: REST Assured pointed at the app's random port, every answer of the domain
 * API checked against its OpenAPI document ({@link OpenApiContractFilter}).
 */
public abstract class RestTestSupport {

  @LocalServerPort protected int port;

  @BeforeEach
  void pointRestAssuredAtApp() {
    RestAssured.port = port;
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    RestAssured.replaceFiltersWith(OpenApiContractFilter.forAppOn(port));
  }

  /** A JSON request as the given demo user. */
  protected static RequestSpecification as(String userId) {
    return given()
        .auth()
        .preemptive()
        .basic(userId, DemoUsers.passwordOf(userId))
        .contentType(ContentType.JSON)
        .accept(ContentType.JSON);
  }

  /** A JSON request as the integrators' technical user. */
  protected static RequestSpecification asIntegration() {
    return as(DemoUsers.INTEGRATION);
  }

  /** A JSON request without credentials. */
  protected static RequestSpecification anonymous() {
    return given().contentType(ContentType.JSON).accept(ContentType.JSON);
  }
}
