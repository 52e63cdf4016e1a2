package io.handoff.platform.insights;

import static io.handoff.support.Prometheus.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.Prometheus;
import io.handoff.support.RestTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The insights gauges report the seeded run's figures at moments chosen on the engine's clock, and
 * the Grafana dashboard in docker/ asks only for metrics the app exports.
 */
@HandoffSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsMetricsTest extends RestTestSupport {

  static final Instant T0 = Instant.parse("2032-05-03T08:00:00Z");

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;

  final String team = "insights-team-" + UUID.randomUUID().toString().substring(0, 8);
  InsightsScenario scenario;
  String deploymentId;

  @BeforeAll
  void seed() {
    io.restassured.RestAssured.port = port;
    deploymentId =
        repositoryService
            .createDeployment()
            .addClasspathResource("bpmn/insights-open-work.bpmn")
            .deploy()
            .getId();
    scenario =
        new InsightsScenario(T0, runtimeService, taskService, managementService, identityService);
    // two tasks for a team of its own, created at t0+1h and t0+2h
    scenario.at(Duration.ofHours(1));
    runtimeService.startProcessInstanceByKey("insights-open-work", Map.of("team", team));
    scenario.at(Duration.ofHours(2));
    runtimeService.startProcessInstanceByKey("insights-open-work", Map.of("team", team));
    scenario.run();
  }

  @AfterAll
  void cleanUp() {
    repositoryService.deleteDeployment(deploymentId, true);
    ClockUtil.reset();
  }

  /** The value of the one sample of this metric whose labels contain the given text. */
  private static double sample(String scrape, String metric, String labels) {
    Double value = Prometheus.value(scrape, metric, labels);
    if (value == null) {
      throw new AssertionError("no sample " + metric + "{" + labels + "}");
    }
    return value;
  }

  @Test
  void gaugesShowTheLastDayOfTheSeededRunOnTheEngineClock() {
    // a day after t0: invoices A and B went straight through; I1's response deadline (t0+4h)
    // passed before its claim (t0+5h); no resolution target was missed yet
    scenario.at(Duration.ofDays(1));
    scrape(); // a group's gauges register on the first scrape that finds open work for it
    String day1 = scrape();
    assertThat(sample(day1, "handoff_insights_straight_through_rate_24h", "")).isEqualTo(1.0);
    assertThat(sample(day1, "handoff_insights_sla_breaches_24h", "kind=\"response\""))
        .isEqualTo(1.0);
    assertThat(sample(day1, "handoff_insights_sla_breaches_24h", "kind=\"resolution\""))
        .isEqualTo(0.0);
    assertThat(sample(day1, "handoff_insights_open_work", "group=\"" + team + "\"")).isEqualTo(2.0);
    // the oldest of the team's tasks was created at t0+1h: 23 hours
    assertThat(sample(day1, "handoff_insights_open_work_oldest_seconds", "group=\"" + team + "\""))
        .isEqualTo(Duration.ofHours(23).toSeconds());

    // an hour after I1's resolution target: one resolution breach in the last day
    ClockUtil.setCurrentTime(java.util.Date.from(scenario.targetDue.plus(Duration.ofHours(1))));
    String day3 = scrape();
    assertThat(sample(day3, "handoff_insights_sla_breaches_24h", "kind=\"resolution\""))
        .isEqualTo(1.0);
    assertThat(sample(day3, "handoff_insights_sla_breaches_24h", "kind=\"response\""))
        .isEqualTo(0.0);
    assertThat(sample(day3, "handoff_insights_straight_through_rate_24h", "")).isNaN();

    // after invoice C, which two people handled
    scenario.at(Duration.ofDays(7).plusHours(10));
    assertThat(sample(scrape(), "handoff_insights_straight_through_rate_24h", "")).isEqualTo(0.0);
  }

  @Test
  void everyMetricTheGrafanaDashboardQueriesIsExported() throws Exception {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Files.readString(Path.of("docker/grafana/dashboards/handoff-insights.json")));
    Set<String> queried = new TreeSet<>();
    Pattern metricName = Pattern.compile("\\b(handoff_[a-z0-9_]+)\\b");
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = metricName.matcher(target.path("expr").asText());
        while (m.find()) {
          queried.add(m.group(1));
        }
      }
    }
    assertThat(queried).contains("handoff_insights_open_work", "handoff_insights_sla_breaches_24h");

    scenario.at(Duration.ofDays(1));
    scrape(); // a group's gauges register on the first scrape that finds open work for it
    String scrape = scrape();
    Set<String> exported = new TreeSet<>();
    Matcher sample =
        Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE).matcher(scrape);
    while (sample.find()) {
      exported.add(sample.group(1));
    }
    assertThat(exported).containsAll(queried);
  }
}
