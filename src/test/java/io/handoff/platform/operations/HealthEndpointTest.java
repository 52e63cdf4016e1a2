package io.handoff.platform.operations;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import org.junit.jupiter.api.Test;

/** Probes for load balancers are public; what is behind them only for administrators. */
@HandoffSpringTest
class HealthEndpointTest extends RestTestSupport {

  @Test
  void readinessIsPublicWithoutDetails() {
    anonymous()
        .get("/actuator/health/readiness")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("$", not(hasKey("components")));
  }

  @Test
  void readinessShowsDatabaseAndSwitchedOffJobExecutorToAnAdministrator() {
    // The test profile switches the job executor off: that is reported, and is no reason to be
    // out of service.
    as(DemoUsers.ADMIN)
        .get("/actuator/health/readiness")
        .then()
        .statusCode(200)
        .body("components.readinessState.status", equalTo("UP"))
        .body("components.db.status", equalTo("UP"))
        .body("components.jobExecutor.status", equalTo("UP"))
        .body("components.jobExecutor.details.enabled", equalTo(false));
  }

  @Test
  void readinessDetailsAreHiddenFromOtherUsers() {
    as(DemoUsers.ALICE)
        .get("/actuator/health/readiness")
        .then()
        .statusCode(200)
        .body("$", not(hasKey("components")));
  }

  @Test
  void livenessIsPublic() {
    anonymous().get("/actuator/health/liveness").then().statusCode(200);
  }

  @Test
  void metricsNeedAnAdministrator() {
    anonymous().get("/actuator/metrics").then().statusCode(401);
    as(DemoUsers.ALICE).get("/actuator/metrics").then().statusCode(403);
    as(DemoUsers.ADMIN).get("/actuator/metrics").then().statusCode(200);
  }
}
