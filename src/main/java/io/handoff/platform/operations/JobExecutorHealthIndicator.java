package io.handoff.platform.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code jobExecutor}, part of the readiness group: a node whose job executor
 * should run but does not (timers, async steps and retries would stall on it) is not ready.
 *
 * <ul>
 *   <li>UP with {@code enabled=false} when the job executor is switched off by configuration
 *       ({@code camunda.bpm.job-execution.enabled=false}, e.g. a node that only serves the webapps,
 *       or the test profile where tests run jobs themselves);
 *   <li>UP with {@code active=true} when it is enabled and acquiring jobs;
 *   <li>DOWN when it is enabled but not active.
 * </ul>
 *
 * The bean name replaces the starter's own indicator of the same name, which reports DOWN when the
 * job executor is off on purpose.
 */
@Component("jobExecutorHealthIndicator")
public class JobExecutorHealthIndicator implements HealthIndicator {

  private final ProcessEngine processEngine;
  private final CamundaBpmProperties camundaProperties;

  public JobExecutorHealthIndicator(
      ProcessEngine processEngine, CamundaBpmProperties camundaProperties) {
    this.processEngine = processEngine;
    this.camundaProperties = camundaProperties;
  }

  @Override
  public Health health() {
    if (!camundaProperties.getJobExecution().isEnabled()) {
      return Health.up().withDetail("enabled", false).build();
    }
    JobExecutor jobExecutor =
        ((ProcessEngineImpl) processEngine).getProcessEngineConfiguration().getJobExecutor();
    if (jobExecutor == null || !jobExecutor.isActive()) {
      return Health.down().withDetail("enabled", true).withDetail("active", false).build();
    }
    return Health.up()
        .withDetail("enabled", true)
        .withDetail("active", true)
        .withDetail("lockOwner", jobExecutor.getLockOwner())
        .withDetail("lockTimeInMillis", jobExecutor.getLockTimeInMillis())
        .withDetail("maxJobsPerAcquisition", jobExecutor.getMaxJobsPerAcquisition())
        .build();
  }
}
