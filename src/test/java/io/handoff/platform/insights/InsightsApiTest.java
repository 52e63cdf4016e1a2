package io.handoff.platform.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.insights.InsightsService.Period;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The done-when run: a seeded run with known timings ({@link InsightsScenario}), then every figure
 * of the insights API exactly, the same on H2 and PostgreSQL, and the same again from a service
 * built afresh on the same database (what a restart or another node computes).
 */
@HandoffSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsApiTest extends RestTestSupport {

  static final Instant T0 = Instant.parse("2031-03-03T08:00:00Z");
  static final String FROM = "2031-03-03";
  static final String TO = "2031-03-17";
  static final long HOUR = Duration.ofHours(1).toMillis();

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired InsightsService insights;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper objectMapper;
  @Autowired InsightsProperties props;
  @Autowired HistoryService historyService;

  InsightsScenario scenario;

  @BeforeEach
  void seedOnce() {
    if (scenario == null) {
      InsightsScenario run =
          new InsightsScenario(T0, runtimeService, taskService, managementService, identityService);
      run.run();
      scenario = run;
    }
    scenario.at(Duration.ofDays(7).plusHours(10));
  }

  @AfterAll
  void resetClock() {
    ClockUtil.reset();
  }

  /**
   * Instances of the process running at the end of the period, counted by the engine's own history
   * query: the seeded run's and any another test of the shared database left running.
   */
  private long openAtEndOfPeriod(String processKey) {
    Date end = Date.from(Instant.parse(TO + "T00:00:00Z"));
    return historyService
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(processKey)
            .startedBefore(end)
            .unfinished()
            .count()
        + historyService
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(processKey)
            .startedBefore(end)
            .finishedAfter(end)
            .count();
  }

  private JsonNode figures(String processKey, String path) throws Exception {
    String body =
        as(DemoUsers.PETRA)
            .queryParam("from", FROM)
            .queryParam("to", TO)
            .get("/api/insights/" + processKey + path)
            .then()
            .statusCode(200)
            .contentType(startsWith("application/json"))
            .extract()
            .asString();
    return objectMapper.readTree(body);
  }

  private static void durations(JsonNode d, long count, long p50, long p90, long max) {
    assertThat(d.path("count").asLong()).as("count").isEqualTo(count);
    assertThat(d.path("p50Ms").asLong()).as("p50").isEqualTo(p50);
    assertThat(d.path("p90Ms").asLong()).as("p90").isEqualTo(p90);
    assertThat(d.path("maxMs").asLong()).as("max").isEqualTo(max);
  }

  private static void decimal(JsonNode n, String expected) {
    assertThat(n.decimalValue()).isEqualByComparingTo(expected);
  }

  @Test
  void invoiceFiguresOfTheSeededRunAreExact() throws Exception {
    JsonNode f = figures(InsightsScenario.INVOICES, "");

    assertThat(f.path("from").asText()).isEqualTo("2031-03-03T00:00:00Z");
    assertThat(f.path("to").asText()).isEqualTo("2031-03-17T00:00:00Z");
    JsonNode instances = f.path("instances");
    assertThat(instances.path("started").asLong()).isEqualTo(3);
    assertThat(instances.path("completed").asLong()).isEqualTo(3);
    assertThat(instances.path("cancelled").asLong()).isZero();
    assertThat(instances.path("open").asLong())
        .as("the seeded invoices all ended; open are those running at the period's end")
        .isEqualTo(openAtEndOfPeriod(InsightsScenario.INVOICES));
    // 1 h, 2 h, 9 h: nearest rank p50 is the 2nd, p90 the 3rd
    durations(f.path("cycleTime"), 3, 2 * HOUR, 9 * HOUR, 9 * HOUR);

    JsonNode stp = f.path("straightThrough");
    assertThat(stp.path("completed").asLong()).isEqualTo(3);
    assertThat(stp.path("straightThrough").asLong()).isEqualTo(2);
    decimal(stp.path("rate"), "0.6667");
    JsonNode weeks = stp.path("weekly");
    assertThat(weeks).hasSize(2);
    assertThat(weeks.get(0).path("weekStart").asText()).isEqualTo("2031-03-03");
    assertThat(weeks.get(0).path("completed").asLong()).isEqualTo(2);
    decimal(weeks.get(0).path("rate"), "1");
    assertThat(weeks.get(1).path("weekStart").asText()).isEqualTo("2031-03-10");
    assertThat(weeks.get(1).path("straightThrough").asLong()).isZero();
    decimal(weeks.get(1).path("rate"), "0");

    assertThat(f.path("exceptionsByReason")).hasSize(1);
    assertThat(f.path("exceptionsByReason").get(0).path("reason").asText())
        .isEqualTo("PRICE_VARIANCE");
    assertThat(f.path("exceptionsByReason").get(0).path("count").asLong()).isEqualTo(1);

    assertThat(f.path("approvalLeadTime")).hasSize(1);
    assertThat(f.path("approvalLeadTime").get(0).path("level").asInt()).isEqualTo(1);
    durations(f.path("approvalLeadTime").get(0).path("leadTime"), 1, 3 * HOUR, 3 * HOUR, 3 * HOUR);

    assertThat(f.has("incidents")).isFalse();
    assertThat(f.has("leadTimeByRiskTier")).isFalse();
  }

  @Test
  void incidentFiguresOfTheSeededRunAreExact() throws Exception {
    JsonNode f = figures(InsightsScenario.INCIDENTS, "");

    assertThat(f.path("instances").path("started").asLong()).isEqualTo(2);
    assertThat(f.path("instances").path("completed").asLong()).isZero();
    assertThat(f.path("instances").path("open").asLong())
        .as("the two seeded incidents and any others running at the period's end")
        .isEqualTo(openAtEndOfPeriod(InsightsScenario.INCIDENTS))
        .isGreaterThanOrEqualTo(2);
    assertThat(f.path("cycleTime").path("count").asLong()).isZero();

    JsonNode incidents = f.path("incidents");
    assertThat(incidents.path("perPriority")).hasSize(1);
    JsonNode p3 = incidents.path("perPriority").get(0);
    assertThat(p3.path("priority").asText()).isEqualTo("P3");
    assertThat(p3.path("reported").asLong()).isEqualTo(2);
    assertThat(p3.path("responseBreaches").asLong()).isEqualTo(1);
    assertThat(p3.path("resolutionBreaches").asLong()).isEqualTo(1);
    JsonNode response = incidents.path("responseBreaches");
    assertThat(response).hasSize(1);
    assertThat(response.get(0).path("priority").asText()).isEqualTo("P3");
    assertThat(response.get(0).path("level").asInt()).isEqualTo(1);
    assertThat(response.get(0).path("count").asLong()).isEqualTo(1);
    JsonNode resolution = incidents.path("resolutionBreaches");
    assertThat(resolution).hasSize(1);
    assertThat(resolution.get(0).path("level").asInt()).isEqualTo(1);
    assertThat(resolution.get(0).path("count").asLong()).isEqualTo(1);
    // claimed after 5 h and after 1 h
    durations(incidents.path("firstResponse"), 2, HOUR, 5 * HOUR, 5 * HOUR);
    JsonNode weekly = incidents.path("weeklyBreaches");
    assertThat(weekly).hasSize(2);
    assertThat(weekly.get(0).path("response").asLong()).isEqualTo(1);
    assertThat(weekly.get(0).path("resolution").asLong()).isEqualTo(1);
    assertThat(weekly.get(1).path("response").asLong()).isZero();
    assertThat(weekly.get(1).path("resolution").asLong()).isZero();
    assertThat(f.has("straightThrough")).isFalse();
  }

  @Test
  void vendorLeadTimeIsPerRiskTierAndTheAgentStepIsCounted() throws Exception {
    JsonNode f = figures(InsightsScenario.VENDORS, "");
    assertThat(f.path("instances").path("completed").asLong()).isEqualTo(1);
    JsonNode tiers = f.path("leadTimeByRiskTier");
    assertThat(tiers).hasSize(1);
    assertThat(tiers.get(0).path("riskTier").asText()).isEqualTo("LOW");
    durations(tiers.get(0).path("leadTime"), 1, 2 * HOUR, 2 * HOUR, 2 * HOUR);
    JsonNode agents = f.path("agents");
    assertThat(agents).hasSize(1);
    assertThat(agents.get(0).path("task").asText()).isEqualTo("review-contract");
    assertThat(agents.get(0).path("proposals").asLong()).isEqualTo(1);
    assertThat(agents.get(0).path("reviewed").asLong()).isZero();
    assertThat(agents.get(0).has("agreementRate")).isFalse();

    JsonNode approval =
        element(figures(InsightsScenario.VENDORS, "/elements"), "ApproveVendorTask");
    durations(approval.path("waiting"), 1, 2 * HOUR, 2 * HOUR, 2 * HOUR);
    durations(approval.path("working"), 1, 0, 0, 0);
  }

  @Test
  void elementFiguresSplitUserTaskTimeIntoWaitingAndWorking() throws Exception {
    JsonNode f = figures(InsightsScenario.INVOICES, "/elements");
    // exception 5 h + approval 3 h; the payment step is asynchronous: its instance starts when the
    // job runs, so the time before that is no element's
    assertThat(f.path("totalTimeMs").asLong()).isEqualTo(8 * HOUR);

    JsonNode exception = element(f, "ResolveMatchExceptionTask");
    assertThat(exception.path("type").asText()).isEqualTo("userTask");
    assertThat(exception.path("entered").asLong()).isEqualTo(1);
    durations(exception.path("duration"), 1, 5 * HOUR, 5 * HOUR, 5 * HOUR);
    durations(exception.path("waiting"), 1, 3 * HOUR, 3 * HOUR, 3 * HOUR);
    durations(exception.path("working"), 1, 2 * HOUR, 2 * HOUR, 2 * HOUR);
    decimal(exception.path("shareOfTime"), "0.625");

    JsonNode approval = element(f, "ApproveInvoiceTask");
    durations(approval.path("waiting"), 1, HOUR, HOUR, HOUR);
    durations(approval.path("working"), 1, 2 * HOUR, 2 * HOUR, 2 * HOUR);
    decimal(approval.path("shareOfTime"), "0.375");

    JsonNode payment = element(f, "SchedulePaymentTask");
    assertThat(payment.path("entered").asLong()).isEqualTo(3);
    durations(payment.path("duration"), 3, 0, 0, 0);
    assertThat(payment.has("waiting")).isFalse();

    JsonNode start = element(f, "InvoiceReceivedStartEvent");
    assertThat(start.path("entered").asLong()).isEqualTo(3);
    durations(start.path("duration"), 3, 0, 0, 0);
  }

  @Test
  void waitStatesReportTheTimeWaited() throws Exception {
    JsonNode f = figures(InsightsScenario.INCIDENTS, "/elements");
    JsonNode reminder = element(f, "SlaReminderDueEvent");
    assertThat(reminder.path("type").asText()).isEqualTo("intermediateTimer");
    assertThat(reminder.path("entered").asLong()).isEqualTo(2);
    assertThat(reminder.path("completed").asLong()).isEqualTo(1);
    long reminderWait = Duration.between(T0, scenario.reminderDue).toMillis();
    durations(reminder.path("waited"), 1, reminderWait, reminderWait, reminderWait);
    JsonNode target = element(f, "SlaTargetReachedEvent");
    assertThat(target.path("entered").asLong()).isEqualTo(1);
    long targetWait = Duration.between(scenario.reminderDue, scenario.targetDue).toMillis();
    durations(target.path("waited"), 1, targetWait, targetWait, targetWait);

    JsonNode resolve = element(f, "ResolveIncidentTask");
    assertThat(resolve.path("entered").asLong()).isEqualTo(2);
    assertThat(resolve.path("completed").asLong()).isZero();
    durations(resolve.path("waiting"), 2, HOUR, 5 * HOUR, 5 * HOUR);
    assertThat(resolve.path("working").path("count").asLong()).isZero();
  }

  private static JsonNode element(JsonNode elements, String activityId) {
    for (JsonNode e : elements.path("elements")) {
      if (activityId.equals(e.path("activityId").asText())) {
        return e;
      }
    }
    throw new AssertionError("no element " + activityId + " in " + elements);
  }

  @Test
  void aRestartChangesNoFigureBecauseTheyComeOnlyFromTheDatabase() {
    // A service built afresh on the same database, as after a restart or on another node.
    InsightsService fresh = new InsightsService(jdbc, objectMapper, props);
    Period period =
        new Period(Instant.parse("2031-03-03T00:00:00Z"), Instant.parse("2031-03-17T00:00:00Z"));
    for (String key :
        new String[] {
          InsightsScenario.INVOICES, InsightsScenario.INCIDENTS, InsightsScenario.VENDORS
        }) {
      assertThat(fresh.insights(key, period)).isEqualTo(insights.insights(key, period));
      assertThat(fresh.elements(key, period)).isEqualTo(insights.elements(key, period));
    }
    assertThat(fresh.insights(InsightsScenario.INVOICES, period).straightThrough().rate())
        .isEqualByComparingTo("0.6667");
  }

  @Test
  void csvHasOneRowPerFigureByAcceptOrFormat() {
    String csv =
        as(DemoUsers.AUDREY)
            .accept("text/csv")
            .queryParam("from", FROM)
            .queryParam("to", TO)
            .get("/api/insights/" + InsightsScenario.INVOICES)
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .header("Content-Disposition", containsString("insights-invoice-three-way-match.csv"))
            .extract()
            .asString();
    assertThat(csv.lines().findFirst()).contains("figure,value");
    assertThat(csv)
        .contains("instances.started,3")
        .contains("cycleTime.p90Ms," + 9 * HOUR)
        .contains("straightThrough.rate,0.6667")
        .contains("straightThrough.weekly[2031-03-10].completed,1")
        .contains("exceptionsByReason[PRICE_VARIANCE].count,1")
        .contains("approvalLeadTime[1].leadTime.p50Ms," + 3 * HOUR);

    String elements =
        as(DemoUsers.ADMIN)
            .queryParam("from", FROM)
            .queryParam("to", TO)
            .queryParam("format", "csv")
            .get("/api/insights/" + InsightsScenario.INVOICES + "/elements")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .extract()
            .asString();
    assertThat(elements).contains("elements[ResolveMatchExceptionTask].waiting.p90Ms," + 3 * HOUR);
  }

  @Test
  void overviewListsEveryProcessWithItsHeadlineFigures() {
    as(DemoUsers.PETRA)
        .queryParam("from", FROM)
        .queryParam("to", TO)
        .get("/api/insights")
        .then()
        .statusCode(200)
        .body(
            "processes.processKey", hasItems(InsightsScenario.INVOICES, InsightsScenario.INCIDENTS))
        .body(
            "processes.find { it.processKey == 'invoice-three-way-match' }.instances.completed",
            equalTo(3))
        .body(
            "processes.find { it.processKey == 'invoice-three-way-match' }.straightThroughRate",
            equalTo(0.6667f))
        .body("processes.find { it.processKey == 'incident-escalation' }.slaBreaches", equalTo(2));
  }

  @Test
  void diagramIsTheDeployedBpmn() {
    as(DemoUsers.PETRA)
        .accept("text/xml")
        .get("/api/insights/" + InsightsScenario.INVOICES + "/diagram")
        .then()
        .statusCode(200)
        .body(containsString("ResolveMatchExceptionTask"))
        .body(containsString("bpmndi:BPMNDiagram"));
  }
}
