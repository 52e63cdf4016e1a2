package io.handoff.agent.metrics;

import io.handoff.agent.AgentProperties;
import io.handoff.agent.audit.AgentAuditRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Agent-versus-person agreement per agent task over the latest {@code
 * handoff.agent.agreement.window} reviewed proposals, published as the gauge {@code
 * handoff.agent.agreement} (tag {@code task}; NaN until {@code min-decisions} reviews exist). Below
 * {@code handoff.agent.agreement.floor} the task is flagged (see {@link AgentAgreementHealth});
 * each crossing of the floor is logged once.
 */
@Component
public class AgreementMonitor {

  public static final String AGREEMENT = "handoff.agent.agreement";

  private static final Logger log = LoggerFactory.getLogger(AgreementMonitor.class);

  /**
   * @param agreement share of reviewed proposals the person agreed with, NaN when too few
   * @param reviewed how many reviewed proposals it is computed over
   * @param belowFloor whether it is below the floor
   */
  public record TaskAgreement(double agreement, int reviewed, boolean belowFloor) {}

  private final AgentAuditRepository audit;
  private final AgentProperties.Agreement settings;
  private final Map<String, TaskAgreement> current = new ConcurrentHashMap<>();

  public AgreementMonitor(
      AgentAuditRepository audit, AgentProperties props, MeterRegistry registry) {
    this.audit = audit;
    this.settings = props.agreement();
    for (String task : props.tasks().keySet()) {
      current.put(task, new TaskAgreement(Double.NaN, 0, false));
      Gauge.builder(AGREEMENT, () -> current.get(task).agreement())
          .description("Share of reviewed agent proposals a person agreed with")
          .tag("task", task)
          .register(registry);
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  public void refreshAll() {
    current.keySet().forEach(this::refresh);
  }

  /** Refreshes a task after the current transaction commits (at once without a transaction). */
  public void refreshAfterCommit(String task) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              refresh(task);
            }
          });
    } else {
      refresh(task);
    }
  }

  /** Recomputes a task's agreement from the audit table. */
  public synchronized TaskAgreement refresh(String task) {
    List<Boolean> latest = audit.latestAgreements(task, settings.window());
    long agreed = latest.stream().filter(Boolean::booleanValue).count();
    boolean enough = !latest.isEmpty() && latest.size() >= settings.minDecisions();
    double agreement = enough ? (double) agreed / latest.size() : Double.NaN;
    boolean below = enough && agreement < settings.floor();
    TaskAgreement previous = current.get(task);
    TaskAgreement next = new TaskAgreement(agreement, latest.size(), below);
    current.put(task, next);
    if (below && (previous == null || !previous.belowFloor())) {
      log.warn(
          "Agent task '{}': agreement with people fell to {} over the last {} reviewed proposals,"
              + " below the floor of {}",
          task,
          String.format("%.2f", agreement),
          latest.size(),
          settings.floor());
    } else if (!below && previous != null && previous.belowFloor()) {
      log.info(
          "Agent task '{}': agreement with people is back to {} over the last {} reviewed"
              + " proposals (floor {})",
          task,
          Double.isNaN(agreement) ? "n/a" : String.format("%.2f", agreement),
          latest.size(),
          settings.floor());
    }
    return next;
  }

  /** The latest computed agreement per task. */
  public Map<String, TaskAgreement> current() {
    return new TreeMap<>(current);
  }

  public double floor() {
    return settings.floor();
  }
}
