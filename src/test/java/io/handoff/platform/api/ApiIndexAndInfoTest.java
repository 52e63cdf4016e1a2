package io.handoff.platform.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import org.junit.jupiter.api.Test;

/** What a client finds first: the API's index, and which build answers. */
@HandoffSpringTest
class ApiIndexAndInfoTest extends RestTestSupport {

  @Test
  void theIndexListsEveryResourceWithItsLinkAndOperations() {
    for (String path : new String[] {"/api/", "/api"}) {
      asIntegration()
          .get(path)
          .then()
          .statusCode(200)
          .body(
              "resources.name",
              hasItems(
                  "invoices",
                  "purchase-orders",
                  "goods-receipts",
                  "vendor-applications",
                  "incidents"))
          .body("resources.href", everyItem(startsWith("/api/")))
          .body("resources.find { it.name == 'invoices' }.href", equalTo("/api/invoices"))
          .body(
              "resources.find { it.name == 'invoices' }.operations",
              hasItems("POST /api/invoices", "GET /api/invoices/{vendorId}/{invoiceNumber}"))
          .body("links.openapi", equalTo("/v3/api-docs"))
          .body("links.self", equalTo("/api/"));
    }
  }

  @Test
  void theIndexWithoutCredentialsIs401ProblemJson() {
    anonymous()
        .get("/api/")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:handoff:problem:unauthorized"))
        .body("instance", equalTo("/api/"));
  }

  @Test
  void actuatorInfoShowsVersionCommitAndBuildTime() {
    anonymous()
        .accept("application/json")
        .get("/actuator/info")
        .then()
        .statusCode(200)
        .body("build.version", not(equalTo(null)))
        .body("build.version", matchesPattern("\\d+\\.\\d+\\.\\d+.*"))
        .body("build.time", notNullValue())
        .body("git.commit.id", matchesPattern("[0-9a-f]{7,40}"))
        .body("git.commit.time", notNullValue());
  }
}
