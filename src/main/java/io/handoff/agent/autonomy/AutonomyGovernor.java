package io.handoff.agent.autonomy;

import io.handoff.agent.AgentProperties;
import io.handoff.agent.Autonomy;
import io.handoff.platform.decision.Rules;
import io.handoff.platform.engine.EngineClock;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Autonomy is earned and can be withdrawn. An agent step runs at the lower of the level its model
 * declares and the level of its latest change in {@code agent_autonomy_change}. After every
 * decision a person takes on one of its proposals and every reversal of an action it took alone,
 * the process owner's DMN decision {@value #DEMOTION_DECISION} reads the step's figures since its
 * last change (agreement with people over the latest reviewed decisions, share of autonomous
 * actions reopened or overridden); when it says so, the platform moves the step one level down
 * (autonomous → supervised → shadow) and records why. Raising a level again is a person's decision
 * ({@link #changeByPerson}); every change is audited.
 */
@Component
public class AutonomyGovernor {

  /** {@code changed_by} of a change the demotion rule made. */
  public static final String PLATFORM = "platform";

  /** The process owner's demotion rule (processes/agent-governance/agent-autonomy-demotion.dmn). */
  public static final String DEMOTION_DECISION = "agent-autonomy-demotion";

  private static final Logger log = LoggerFactory.getLogger(AutonomyGovernor.class);

  private final AutonomyRepository repository;
  private final Rules rules;
  private final int window;

  public AutonomyGovernor(AutonomyRepository repository, Rules rules, AgentProperties props) {
    this.repository = repository;
    this.rules = rules;
    this.window = props.agreement().window();
  }

  /** The level the step runs at: its declared level, or lower when it was moved down. */
  public Autonomy effective(AgentStep step, Autonomy declared) {
    return repository
        .latest(step)
        .map(change -> Autonomy.lowest(declared, change.to()))
        .orElse(declared);
  }

  /**
   * Applies the demotion rule to the step's current figures; returns the change it made, if any. A
   * missing or failing rule is logged and changes nothing: it never fails the person's decision.
   */
  public Optional<AutonomyChange> evaluate(AgentStep step, String task) {
    Optional<AutonomyChange> latest = repository.latest(step);
    Optional<Autonomy> used = repository.lastLevelUsed(step);
    if (used.isEmpty()) {
      return Optional.empty();
    }
    Autonomy current = latest.map(c -> Autonomy.lowest(used.get(), c.to())).orElse(used.get());
    AutonomyRepository.Figures figures = repository.figures(step, latest, window);
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("task", task);
    inputs.put("currentLevel", current.id());
    inputs.put("reviewed", figures.reviewed());
    inputs.put("agreement", Double.isNaN(figures.agreement()) ? null : figures.agreement());
    inputs.put("actedAlone", figures.actedAlone());
    inputs.put(
        "reversalShare", Double.isNaN(figures.reversalShare()) ? null : figures.reversalShare());
    Map<String, Object> verdict;
    try {
      verdict = decide(step, inputs);
    } catch (RuntimeException e) {
      log.error(
          "Agent step {}: the demotion rule {} could not be evaluated ({}); its level stays {}",
          step,
          DEMOTION_DECISION,
          e.toString(),
          current.id());
      return Optional.empty();
    }
    if (!Boolean.TRUE.equals(verdict.get("demote")) || current.lower().isEmpty()) {
      return Optional.empty();
    }
    AutonomyChange change =
        new AutonomyChange(
            UUID.randomUUID().toString(),
            step,
            task,
            current,
            current.lower().get(),
            PLATFORM,
            true,
            String.valueOf(verdict.get("reason")),
            figures.reviewed(),
            decimal(figures.agreement()),
            figures.actedAlone(),
            decimal(figures.reversalShare()),
            EngineClock.now(),
            0);
    repository.insert(change);
    log.warn(
        "Agent step {} ({}) moved down from {} to {}: {} (agreement {} over {} reviewed decisions,"
            + " {} of {} autonomous actions reversed)",
        step,
        task,
        change.from().id(),
        change.to().id(),
        change.reason(),
        Double.isNaN(figures.agreement()) ? "n/a" : String.format("%.2f", figures.agreement()),
        figures.reviewed(),
        figures.reversed(),
        figures.actedAlone());
    return Optional.of(change);
  }

  /**
   * A person sets the highest level the step may run at (raising it again after a demotion, or
   * lowering it by hand). The figures start afresh from this change.
   */
  public AutonomyChange changeByPerson(
      AgentStep step, String task, Autonomy level, String userId, String reason) {
    Autonomy from =
        repository
            .latest(step)
            .map(AutonomyChange::to)
            .orElseGet(() -> repository.lastLevelUsed(step).orElse(level));
    AutonomyChange change =
        new AutonomyChange(
            UUID.randomUUID().toString(),
            step,
            task,
            from,
            level,
            userId,
            false,
            reason,
            null,
            null,
            null,
            null,
            EngineClock.now(),
            0);
    repository.insert(change);
    log.info(
        "Agent step {} ({}) set from {} to {} by {}: {}",
        step,
        task,
        from.id(),
        level.id(),
        userId,
        reason);
    return change;
  }

  public List<AutonomyChange> history() {
    return repository.all();
  }

  public List<AutonomyChange> currentChanges() {
    return repository.latestPerStep();
  }

  private Map<String, Object> decide(AgentStep step, Map<String, Object> inputs) {
    return Rules.single(
            rules.evaluateForPlatform(
                DEMOTION_DECISION,
                inputs,
                "autonomy:" + step.processDefinitionKey() + "/" + step.activityId()),
            DEMOTION_DECISION,
            inputs)
        .getEntryMap();
  }

  private static BigDecimal decimal(double value) {
    return Double.isNaN(value) ? null : BigDecimal.valueOf(value);
  }
}
