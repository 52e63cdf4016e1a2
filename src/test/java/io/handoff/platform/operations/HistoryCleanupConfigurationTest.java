package io.handoff.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.HandoffSpringTest;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** History is kept for a set time per process and removed by the engine in a night window. */
@HandoffSpringTest
class HistoryCleanupConfigurationTest {

  @Autowired ProcessEngine processEngine;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;

  private ProcessEngineConfigurationImpl configuration() {
    return ((ProcessEngineImpl) processEngine).getProcessEngineConfiguration();
  }

  @Test
  void theEngineRunsHistoryCleanupBetweenOneAndFiveAtNight() {
    assertThat(configuration().getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration().getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");

    List<Job> cleanupJobs = historyService.findHistoryCleanupJobs();
    assertThat(cleanupJobs).as("the engine scheduled its cleanup job").isNotEmpty();
    for (Job job : cleanupJobs) {
      LocalTime due = job.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
      assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
    }
  }

  @Test
  void everyDeployedProcessAndDecisionHasAHistoryTimeToLive() {
    List<ProcessDefinition> processes =
        repositoryService.createProcessDefinitionQuery().latestVersion().list();
    assertThat(processes).isNotEmpty();
    assertThat(processes)
        .allSatisfy(p -> assertThat(p.getHistoryTimeToLive()).as(p.getKey()).isNotNull());
    List<DecisionDefinition> decisions =
        repositoryService.createDecisionDefinitionQuery().latestVersion().list();
    assertThat(decisions)
        .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isNotNull());
  }
}
