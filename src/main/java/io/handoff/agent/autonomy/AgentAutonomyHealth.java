package io.handoff.agent.autonomy;

import io.handoff.agent.metrics.AgentAgreementHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code agentAutonomy}: each agent step whose level was ever changed, with its
 * current level and its latest change (from, to, by whom, when, why). {@code WARNING} while a step
 * runs at a level the platform lowered and no person has reviewed it since; {@code UP} otherwise.
 */
@Component("agentAutonomy")
public class AgentAutonomyHealth extends AbstractHealthIndicator {

  private final AutonomyGovernor governor;

  public AgentAutonomyHealth(AutonomyGovernor governor) {
    super("Agent autonomy check failed");
    this.governor = governor;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    List<AutonomyChange> current = governor.currentChanges();
    boolean demoted = current.stream().anyMatch(AutonomyChange::byPlatform);
    builder.status(demoted ? AgentAgreementHealth.WARNING : Status.UP);
    for (AutonomyChange c : current) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("task", c.task());
      detail.put("level", c.to().id());
      detail.put("from", c.from().id());
      detail.put("changedBy", c.changedBy());
      detail.put("movedDownByPlatform", c.byPlatform());
      detail.put("changedAt", c.changedAt().toString());
      detail.put("reason", c.reason());
      builder.withDetail(c.step().toString(), detail);
    }
  }
}
