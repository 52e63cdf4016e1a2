package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoff.incident.store.IncidentSearch;
import io.handoff.platform.api.list.Cursor;
import io.handoff.platform.api.list.ListSpec;
import io.handoff.support.Databases;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.QueryPlans;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;

/** GET /api/incidents: filters, sorting, keyset paging and one 400 for every bad parameter. */
@HandoffSpringTest
class IncidentListApiTest extends IncidentTestSupport {

  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbcClient;
  @Autowired IncidentSearch search;

  private final String reporter = unique("reporter");

  /** Reports an incident over the API at this moment on the engine clock; answers its body. */
  private JsonPath reportAt(Instant at, String title, String impact, String urgency) {
    setClock(at);
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("description", "The VPN drops every ten minutes");
    body.put("reporter", reporter);
    body.put("service", "vpn");
    body.put("impact", impact);
    body.put("urgency", urgency);
    body.put("category", "network");
    return asIntegration()
        .body(body)
        .post("/api/incidents")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private JsonPath list(Map<String, ?> query) {
    return asIntegration()
        .queryParams(query)
        .get("/api/incidents")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath();
  }

  private List<String> titles(Map<String, ?> query) {
    return list(query).getList("items.title", String.class);
  }

  @Test
  void filtersByReporterStatusPriorityGroupSourceAndTimeReported() {
    Instant t0 = MONDAY_NINE;
    JsonPath critical = reportAt(t0, "critical", "HIGH", "HIGH");
    JsonPath minor = reportAt(t0.plus(Duration.ofHours(1)), "minor", "LOW", "LOW");
    reportAt(t0.plus(Duration.ofHours(2)), "medium", "MEDIUM", "MEDIUM");
    assertThat(critical.getString("priority")).isEqualTo("P1");
    assertThat(minor.getString("priority")).isNotEqualTo("P1");

    assertThat(titles(Map.of("reporter", reporter))).containsExactly("medium", "minor", "critical");
    assertThat(titles(Map.of("reporter", reporter, "priority", "P1"))).containsExactly("critical");
    assertThat(
            titles(Map.of("reporter", reporter, "priority", "P1," + minor.getString("priority"))))
        .containsExactly("minor", "critical");
    assertThat(
            titles(
                Map.of(
                    "reporter",
                    reporter,
                    "createdFrom",
                    t0.plus(Duration.ofHours(1)).toString(),
                    "createdTo",
                    t0.plus(Duration.ofHours(2)).toString())))
        .containsExactly("minor");
    assertThat(titles(Map.of("reporter", reporter, "createdTo", "2026-03-02"))).isEmpty();
    assertThat(titles(Map.of("reporter", reporter, "createdFrom", "2026-03-02"))).hasSize(3);

    JsonPath first = list(Map.of("reporter", reporter, "sort", "createdAt,asc"));
    String status = first.getString("items[0].status");
    String group = first.getString("items[0].assignedGroup");
    assertThat(first.getString("items[0].incidentId")).isEqualTo(critical.getString("incidentId"));
    assertThat(first.getString("items[0].source")).isEqualTo("REST");
    assertThat(titles(Map.of("reporter", reporter, "status", status))).contains("critical");
    assertThat(titles(Map.of("reporter", reporter, "status", "CLOSED"))).isEmpty();
    if (group != null) {
      assertThat(titles(Map.of("reporter", reporter, "group", group))).contains("critical");
    }
    assertThat(titles(Map.of("reporter", reporter, "group", unique("nobody")))).isEmpty();
    assertThat(titles(Map.of("reporter", reporter, "source", "REST"))).hasSize(3);
    asIntegration()
        .queryParam("reporter", reporter)
        .queryParam("source", "TASKLIST")
        .queryParam("source", "ALERTMANAGER")
        .get("/api/incidents")
        .then()
        .statusCode(200)
        .body("items", empty());
  }

  @Test
  void pagesThroughIncidentsReportedAtTheSameMomentOnceWhileOthersArrive() {
    for (int i = 1; i <= 7; i++) {
      reportAt(MONDAY_NINE, "same-" + i, "LOW", "LOW");
    }
    List<String> seen = new ArrayList<>();
    List<String> arrived = new ArrayList<>();
    JsonPath page = list(Map.of("reporter", reporter, "size", 3));
    assertThat(page.getInt("page.size")).isEqualTo(3);
    while (true) {
      seen.addAll(page.getList("items.title", String.class));
      String next = page.getString("page.next");
      if (next == null) {
        break;
      }
      assertThat(next).startsWith("/api/incidents?").contains("reporter=" + reporter);
      // Newer than every page so far (newest first): it comes on no later page.
      String title = "later-" + arrived.size();
      reportAt(MONDAY_NINE.plus(Duration.ofMinutes(arrived.size() + 1)), title, "LOW", "LOW");
      arrived.add(title);
      page = asIntegration().get(next).then().statusCode(200).extract().jsonPath();
    }
    assertThat(seen).hasSize(7).doesNotHaveDuplicates().allMatch(t -> t.startsWith("same-"));
    assertThat(arrived).hasSize(2);
    assertThat(titles(Map.of("reporter", reporter, "size", 100))).hasSize(9).startsWith("later-1");
  }

  @Test
  void everyBadParameterIsNamedInOneAnswer() {
    asIntegration()
        .queryParam("status", "open")
        .queryParam("priority", "P1,urgent")
        .queryParam("source", "EMAIL")
        .queryParam("createdFrom", "2026-02-30")
        .queryParam("createdTo", "tomorrow")
        .queryParam("size", 500)
        .queryParam("sort", "priority")
        .queryParam("reporter", "a")
        .queryParam("reporter", "b")
        .queryParam("assignee", "x")
        .get("/api/incidents")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:handoff:problem:invalid-request"))
        .body(
            "errors.field",
            containsInAnyOrder(
                "assignee",
                "createdFrom",
                "createdTo",
                "priority",
                "reporter",
                "size",
                "sort",
                "source",
                "status"))
        .body(
            "errors.find { it.field == 'status' }.message",
            allOf(containsString("'open'; allowed: "), containsString("OPEN, ")))
        .body("errors.find { it.field == 'priority' }.message", containsString("'urgent'"))
        .body("errors.find { it.field == 'reporter' }.message", containsString("at most once"));

    asIntegration()
        .queryParam("createdFrom", "2026-03-02T10:00:00Z")
        .queryParam("createdTo", "2026-03-02")
        .get("/api/incidents")
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("createdTo"));
  }

  @Test
  void listsAreForTheApiGroupsOnly() {
    anonymous().get("/api/incidents").then().statusCode(401);
    as(DemoUsers.FIONA).get("/api/incidents").then().statusCode(403);
    as(DemoUsers.ADMIN).get("/api/incidents?size=1").then().statusCode(200);
  }

  @Test
  void theMainFiltersAreServedByAnIndexOnPostgres() throws Exception {
    assumeTrue(Databases.isPostgres(dataSource), "query plans are checked on PostgreSQL");
    TransactionTemplate transactions = new TransactionTemplate(transactionManager);
    String cursor =
        new Cursor(
                IncidentSearch.SPEC.defaultSort(),
                ListSpec.Direction.DESC,
                "ffffffff",
                "2026-03-02T09:00:00Z")
            .encode();
    for (PlanCase c :
        List.of(
            new PlanCase(null, Map.of()),
            // a later page within a status: an index either way (the planner picks the status
            // index or the keyset bound depending on how many rows the status has)
            new PlanCase(null, Map.of("status", "OPEN", "cursor", cursor)),
            new PlanCase("status", Map.of("status", "OPEN")),
            new PlanCase("priority", Map.of("priority", "P1,P2")),
            new PlanCase("reporter", Map.of("reporter", "erin")),
            new PlanCase("assigned_group", Map.of("group", "network-support")),
            new PlanCase("source", Map.of("source", "ALERTMANAGER")),
            new PlanCase(
                "created_at", Map.of("createdFrom", "2026-03-01", "createdTo", "2026-03-03")))) {
      LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
      c.query().forEach(parameters::add);
      QueryPlans.assertIndexed(
          jdbcClient, transactions, search.query(parameters).statement(), "incident", c.column());
    }
  }

  /** A list query and the column an index must bound (null: only no sequential scan). */
  private record PlanCase(String column, Map<String, String> query) {}
}
