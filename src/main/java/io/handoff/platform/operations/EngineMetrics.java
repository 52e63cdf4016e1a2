package io.handoff.platform.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine's own metrics for Prometheus: {@code camunda.engine.metric{metric}} is the engine's
 * meter log ({@code managementService.createMetricsQuery()}) summed over all nodes, as the engine
 * reports it to the database (every 15 minutes by default), and {@code camunda.incidents.open} the
 * number of open incidents. Both come from the shared database and are the same on every node: use
 * {@code max} rather than {@code sum} across nodes. Reused for {@code
 * handoff.metrics.engine-metrics-cache}.
 */
@Component
public class EngineMetrics implements MeterBinder {

  public static final String ENGINE_METRIC = "camunda.engine.metric";
  public static final String OPEN_INCIDENTS = "camunda.incidents.open";

  /** The engine metrics exposed, by their Camunda names. */
  static final List<String> NAMES =
      List.of(
          Metrics.ROOT_PROCESS_INSTANCE_START,
          Metrics.ACTIVTY_INSTANCE_START,
          Metrics.ACTIVTY_INSTANCE_END,
          Metrics.EXECUTED_DECISION_INSTANCES,
          Metrics.EXECUTED_DECISION_ELEMENTS,
          Metrics.JOB_ACQUISITION_ATTEMPT,
          Metrics.JOB_ACQUIRED_SUCCESS,
          Metrics.JOB_ACQUIRED_FAILURE,
          Metrics.JOB_EXECUTION_REJECTED,
          Metrics.JOB_SUCCESSFUL,
          Metrics.JOB_FAILED,
          Metrics.JOB_LOCKED_EXCLUSIVE,
          Metrics.HISTORY_CLEANUP_REMOVED_PROCESS_INSTANCES,
          Metrics.HISTORY_CLEANUP_REMOVED_DECISION_INSTANCES);

  private static final Logger log = LoggerFactory.getLogger(EngineMetrics.class);

  record Snapshot(Map<String, Long> totals, long openIncidents) {}

  private final ManagementService managementService;
  private final RuntimeService runtimeService;
  private final CachedValue<Snapshot> snapshot;

  public EngineMetrics(
      ManagementService managementService,
      RuntimeService runtimeService,
      MetricsProperties properties) {
    this.managementService = managementService;
    this.runtimeService = runtimeService;
    this.snapshot =
        new CachedValue<>(this::query, properties.engineMetricsCache(), Clock.systemUTC());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String name : NAMES) {
      Gauge.builder(ENGINE_METRIC, this, m -> m.total(name))
          .description("Camunda engine metric, summed over all nodes")
          .tag("metric", name)
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder(OPEN_INCIDENTS, this, EngineMetrics::openIncidents)
        .description("Open incidents (failed jobs without retries and other incidents)")
        .strongReference(true)
        .register(registry);
  }

  private double total(String name) {
    try {
      return snapshot.get().totals().getOrDefault(name, 0L);
    } catch (RuntimeException e) {
      log.debug("Engine metric {} not available: {}", name, e.getMessage());
      return Double.NaN;
    }
  }

  private double openIncidents() {
    try {
      return snapshot.get().openIncidents();
    } catch (RuntimeException e) {
      log.debug("Open incidents not available: {}", e.getMessage());
      return Double.NaN;
    }
  }

  private Snapshot query() {
    Map<String, Long> totals = new LinkedHashMap<>();
    for (String name : NAMES) {
      totals.put(name, managementService.createMetricsQuery().name(name).sum());
    }
    return new Snapshot(totals, runtimeService.createIncidentQuery().count());
  }
}
