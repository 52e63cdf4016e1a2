package io.handoff.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.handoff.agent.metrics.AgreementMonitor;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.Prometheus;
import io.handoff.support.RestTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Agreement between agent and people over the latest reviewed decisions: the gauge, the health
 * warning below the floor, and one log line per crossing.
 */
@HandoffSpringTest
class AgentAgreementTest extends RestTestSupport {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired MeterRegistry meterRegistry;
  @Autowired AgentProperties props;

  private String deployment;
  private String key;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void deployAndWatchLog() {
    key = AgentStepModels.key("agreement");
    deployment =
        AgentStepModels.deploy(
            repositoryService, key, AgentStepModels.classify(key, "shadow", "0.75"));
    logs.start();
    ((Logger) LoggerFactory.getLogger(AgreementMonitor.class)).addAppender(logs);
  }

  @AfterEach
  void cleanUp() {
    ((Logger) LoggerFactory.getLogger(AgreementMonitor.class)).detachAppender(logs);
    repositoryService.deleteDeployment(deployment, true);
  }

  /** One classification reviewed by a person who picks the given category. */
  private void reviewedAs(String category) {
    ProcessInstance pi =
        runtimeService.startProcessInstanceByKey(
            key,
            Map.of(
                AgentStepModels.INPUT_VARIABLE, "I forgot my password and my account is locked"));
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    taskService.claim(task.getId(), DemoUsers.SAM);
    taskService.complete(task.getId(), Map.of(AgentStepModels.DECISION_VARIABLE, category));
  }

  private double gauge() {
    return meterRegistry
        .get(AgreementMonitor.AGREEMENT)
        .tag("task", "classify-incident")
        .gauge()
        .value();
  }

  private long warnings() {
    return logs.list.stream()
        .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("fell to"))
        .count();
  }

  @Test
  void agreementBelowTheFloorTurnsHealthToWarningAndBackToUp() {
    int window = props.agreement().window();

    for (int i = 0; i < window; i++) {
      reviewedAs("hardware");
    }

    assertThat(gauge()).isLessThan(props.agreement().floor());
    assertThat(warnings()).as("logged once per crossing").isEqualTo(1);
    anonymous().get("/actuator/health").then().statusCode(200).body("status", equalTo("WARNING"));
    as(DemoUsers.ADMIN)
        .get("/actuator/health")
        .then()
        .statusCode(200)
        .body("components.agentAgreement.status", equalTo("WARNING"))
        .body("components.agentAgreement.details.classify-incident.belowFloor", equalTo(true));

    for (int i = 0; i < window; i++) {
      reviewedAs("password-reset");
    }

    assertThat(gauge()).isGreaterThanOrEqualTo(props.agreement().floor());
    assertThat(warnings()).isEqualTo(1);
    assertThat(logs.list)
        .anyMatch(e -> e.getFormattedMessage().contains("agreement with people is back"));
    as(DemoUsers.ADMIN)
        .get("/actuator/health")
        .then()
        .statusCode(200)
        .body("components.agentAgreement.status", equalTo("UP"));
  }

  @Test
  void agreementGaugeIsOnThePrometheusEndpoint() {
    reviewedAs("password-reset");

    String scrape = Prometheus.scrape();
    assertThat(scrape)
        .containsPattern("handoff_agent_agreement\\{[^}]*task=\"classify-incident\"[^}]*\\}")
        .contains("handoff_agent_invocations_total{")
        .contains("outcome=\"routed\"")
        .contains("handoff_agent_latency_seconds_count{");
  }
}
