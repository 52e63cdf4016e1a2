package io.handoff.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.support.HandoffSpringTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A step that fails technically is retried by the job executor with growing pauses (the engine's
 * default {@code failedJobRetryTimeCycle}), then becomes an incident for an operator.
 */
@HandoffSpringTest
class FailedJobRetryTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;

  String deploymentId;

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    if (deploymentId != null) {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void aFailingStepIsRetriedAfterTenSecondsOneMinuteFiveMinutesThenRaisesAnIncident() {
    String key = "retry-probe-" + UUID.randomUUID().toString().substring(0, 8);
    deploymentId =
        repositoryService
            .createDeployment()
            .addModelInstance(
                key + ".bpmn",
                Bpmn.createExecutableProcess(key)
                    .camundaHistoryTimeToLive(1)
                    .startEvent()
                    .serviceTask("UnreachableSystemTask")
                    .camundaAsyncBefore()
                    .camundaExpression("${unreachableSystem.call()}")
                    .endEvent()
                    .done())
            .deploy()
            .getId();
    Instant now = Instant.parse("2030-01-07T10:00:00Z");
    ClockUtil.setCurrentTime(java.util.Date.from(now));
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(key);

    List<Duration> pauses = new ArrayList<>();
    int attempts = 0;
    Job job = job(instance);
    while (job.getRetries() > 0 && attempts < 10) {
      String jobId = job.getId();
      assertThatThrownBy(() -> managementService.executeJob(jobId))
          .hasMessageContaining("unreachableSystem");
      attempts++;
      job = job(instance);
      if (job.getRetries() > 0) {
        pauses.add(Duration.between(now, job.getDuedate().toInstant()));
        now = job.getDuedate().toInstant();
        ClockUtil.setCurrentTime(java.util.Date.from(now));
      }
    }

    assertThat(attempts).as("the first attempt and three retries").isEqualTo(4);
    assertThat(pauses)
        .containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5));
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);
  }

  private Job job(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
  }
}
