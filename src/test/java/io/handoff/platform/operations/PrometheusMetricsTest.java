package io.handoff.platform.operations;

import static io.handoff.support.Prometheus.scrape;
import static io.handoff.support.Prometheus.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.support.HandoffSpringTest;
import io.handoff.support.Prometheus;
import io.handoff.support.RestTestSupport;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Prometheus endpoint shows instances started and ended per process and open tasks per group.
 */
@HandoffSpringTest
class PrometheusMetricsTest extends RestTestSupport {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ProcessEngine processEngine;

  String suffix;
  String processKey;
  String group;
  String deploymentId;

  @BeforeEach
  void deployAProcessWithOneGroupTask() {
    suffix = UUID.randomUUID().toString().substring(0, 8);
    processKey = "metrics-probe-" + suffix;
    group = "metrics-team-" + suffix;
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(processKey)
            .camundaHistoryTimeToLive(1)
            .startEvent("ProbeStartedEvent")
            .userTask("ProbeTask")
            .camundaCandidateGroups(group)
            .endEvent("ProbeDoneEndEvent")
            .done();
    deploymentId =
        repositoryService
            .createDeployment()
            .addModelInstance(processKey + ".bpmn", model)
            .deploy()
            .getId();
  }

  @AfterEach
  void removeDeployment() {
    repositoryService.deleteDeployment(deploymentId, true);
  }

  /** Gauges of a group appear at the first refresh that sees the group: scrape until they do. */
  private String scrapeUntilPresent(String metric, String label) {
    try {
      return Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(200))
          .until(Prometheus::scrape, scrape -> value(scrape, metric, label) != null);
    } catch (ConditionTimeoutException e) {
      return Prometheus.scrape();
    }
  }

  @Test
  void startedAndEndedInstancesAreCountedPerProcess() {
    ProcessInstance done = runtimeService.startProcessInstanceByKey(processKey);
    ProcessInstance cancelled = runtimeService.startProcessInstanceByKey(processKey);
    runtimeService.startProcessInstanceByKey(processKey);
    taskService.complete(
        taskService.createTaskQuery().processInstanceId(done.getId()).singleResult().getId());
    runtimeService.deleteProcessInstance(cancelled.getId(), "withdrawn");

    String scrape = scrape();
    String process = "process=\"" + processKey + "\"";
    assertThat(value(scrape, "handoff_process_instances_started_total", process)).isEqualTo(3.0);
    assertThat(
            value(scrape, "handoff_process_instances_ended_total", process, "state=\"completed\""))
        .isEqualTo(1.0);
    assertThat(
            value(
                scrape,
                "handoff_process_instances_ended_total",
                process,
                "state=\"internally_terminated\""))
        .as("cancelled through the engine API")
        .isEqualTo(1.0);
  }

  @Test
  void aStartThatRollsBackIsNotCounted() {
    String failingKey = "metrics-failing-" + suffix;
    String failingDeployment =
        repositoryService
            .createDeployment()
            .addModelInstance(
                failingKey + ".bpmn",
                Bpmn.createExecutableProcess(failingKey)
                    .camundaHistoryTimeToLive(1)
                    .startEvent()
                    .serviceTask("BrokenStepTask")
                    .camundaExpression("${noSuchBean.run()}")
                    .endEvent()
                    .done())
            .deploy()
            .getId();
    try {
      assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(failingKey))
          .hasMessageContaining("noSuchBean");
      assertThat(
              value(
                  scrape(),
                  "handoff_process_instances_started_total",
                  "process=\"" + failingKey + "\""))
          .isNull();
    } finally {
      repositoryService.deleteDeployment(failingDeployment, true);
    }
  }

  @Test
  void openTasksAreShownPerCandidateGroup() throws InterruptedException {
    ProcessInstance first = runtimeService.startProcessInstanceByKey(processKey);
    runtimeService.startProcessInstanceByKey(processKey);
    String groupLabel = "group=\"" + group + "\"";

    assertThat(
            value(
                scrapeUntilPresent("handoff_tasks_open", groupLabel),
                "handoff_tasks_open",
                groupLabel))
        .isEqualTo(2.0);

    taskService.complete(
        taskService.createTaskQuery().processInstanceId(first.getId()).singleResult().getId());
    assertThat(value(scrape(), "handoff_tasks_open", groupLabel)).isEqualTo(1.0);
    assertThat(value(scrape(), "handoff_tasks_open_all")).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void engineMetricsAndOpenIncidentsAreExposed() {
    runtimeService.startProcessInstanceByKey(processKey);
    ((ProcessEngineImpl) processEngine)
        .getProcessEngineConfiguration()
        .getDbMetricsReporter()
        .reportNow();
    String scrape = scrape();
    assertThat(value(scrape, "camunda_engine_metric", "metric=\"root-process-instance-start\""))
        .isGreaterThanOrEqualTo(1.0);
    assertThat(value(scrape, "camunda_engine_metric", "metric=\"job-successful\"")).isNotNull();
    assertThat(value(scrape, "camunda_incidents_open")).isNotNull().isGreaterThanOrEqualTo(0.0);
  }
}
