package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.support.Concurrently;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The same incident report sent twice, or eight times, at the same moment opens one incident: one
 * 201, the others 200 with it; the database holds one incident and the engine one instance.
 */
@HandoffSpringTest
class ConcurrentIncidentReportsTest extends RestTestSupport {

  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired IncidentRepository incidents;

  private static Map<String, Object> report(String title, String knownRequest) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("description", "Cannot log in since this morning");
    body.put("reporter", "erin");
    body.put("service", "sso");
    body.put("impact", "LOW");
    body.put("urgency", "HIGH");
    body.put("category", "access");
    if (knownRequest != null) {
      body.put("knownRequest", knownRequest);
    }
    return body;
  }

  private int incidentsTitled(String title) {
    return jdbc.sql("SELECT COUNT(*) FROM incident WHERE title = ?")
        .param(title)
        .query(Integer.class)
        .single();
  }

  @Test
  void theSameReportAtTheSameMomentOpensOneIncidentAnswered201And200() throws Exception {
    for (int round = 0; round < 4; round++) {
      String title = "Locked out of SSO " + UUID.randomUUID().toString().substring(0, 8);
      Map<String, Object> body = report(title, round % 2 == 0 ? null : "ACCOUNT_LOCKOUT");
      int callers = round < 2 ? 2 : 8;
      List<Response> answers =
          Concurrently.times(callers, () -> asIntegration().body(body).post("/api/incidents"));
      List<Integer> statuses = new ArrayList<>(answers.stream().map(Response::statusCode).toList());
      Collections.sort(statuses);
      List<Integer> expected = new ArrayList<>(Collections.nCopies(callers - 1, 200));
      expected.add(201);
      assertThat(statuses).as("round %d", round).isEqualTo(expected);
      assertThat(answers.stream().map(a -> a.<String>path("incidentId")).distinct()).hasSize(1);
      String id = answers.get(0).path("incidentId");
      assertThat(incidentsTitled(title)).isEqualTo(1);
      assertThat(
              runtimeService
                  .createProcessInstanceQuery()
                  .processDefinitionKey(IncidentVariables.PROCESS_KEY)
                  .processInstanceBusinessKey(id)
                  .count())
          .isEqualTo(1);
      assertThat(answers)
          .allSatisfy(a -> assertThat(a.header("Location")).endsWith("/api/incidents/" + id));
    }
  }

  @Test
  void theSameReportAfterItsIncidentClosedOpensANewOne() {
    String title = "Locked out of SSO " + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = report(title, null);
    String first =
        asIntegration()
            .body(body)
            .post("/api/incidents")
            .then()
            .statusCode(201)
            .extract()
            .path("incidentId");
    asIntegration()
        .body(body)
        .post("/api/incidents")
        .then()
        .statusCode(200)
        .body("incidentId", equalTo(first));
    // another reporter, or any other field, is another report
    Map<String, Object> other = new HashMap<>(body);
    other.put("reporter", "sam");
    asIntegration().body(other).post("/api/incidents").then().statusCode(201);

    incidents.close(first, "CONFIRMED", java.time.Instant.now());
    String second =
        asIntegration()
            .body(body)
            .post("/api/incidents")
            .then()
            .statusCode(201)
            .extract()
            .path("incidentId");
    assertThat(second).isNotEqualTo(first);
    assertThat(incidentsTitled(title)).isEqualTo(3);
  }
}
