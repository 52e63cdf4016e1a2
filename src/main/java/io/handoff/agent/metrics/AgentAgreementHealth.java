package io.handoff.agent.metrics;

import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code agentAgreement}: {@code WARNING} (HTTP 200, see {@code
 * management.endpoint.health.status.*}) while any agent task's agreement with people is below the
 * floor, {@code UP} otherwise. Details list each task's agreement and how many reviews it rests on.
 */
@Component("agentAgreement")
public class AgentAgreementHealth extends AbstractHealthIndicator {

  public static final Status WARNING = new Status("WARNING", "Agent agreement below the floor");

  private final AgreementMonitor monitor;

  public AgentAgreementHealth(AgreementMonitor monitor) {
    super("Agent agreement check failed");
    this.monitor = monitor;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Map<String, AgreementMonitor.TaskAgreement> tasks = monitor.current();
    boolean warning = tasks.values().stream().anyMatch(AgreementMonitor.TaskAgreement::belowFloor);
    builder.status(warning ? WARNING : Status.UP).withDetail("floor", monitor.floor());
    tasks.forEach(
        (task, a) ->
            builder.withDetail(
                task,
                Map.of(
                    "agreement",
                    Double.isNaN(a.agreement()) ? "n/a" : a.agreement(),
                    "reviewed",
                    a.reviewed(),
                    "belowFloor",
                    a.belowFloor())));
  }
}
