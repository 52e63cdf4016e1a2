package io.handoff.platform.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Open user tasks per candidate group ({@code handoff.tasks.open{group}}) and in total ({@code
 * handoff.tasks.open.all}), from one grouped query over the engine's runtime tables, reused for
 * {@code handoff.metrics.open-tasks-cache}. The figures are the same on every node (they come from
 * the shared database): use {@code max by (group)} rather than {@code sum} across nodes.
 *
 * <p>A group gets its gauge the first time it has an open task; afterwards it reports 0 when its
 * tasks are done.
 */
@Component
public class OpenTaskMetrics {

  public static final String OPEN_TASKS = "handoff.tasks.open";
  public static final String OPEN_TASKS_ALL = "handoff.tasks.open.all";

  private static final Logger log = LoggerFactory.getLogger(OpenTaskMetrics.class);

  record Snapshot(long all, Map<String, Long> perGroup) {}

  private final JdbcClient jdbc;
  private final MeterRegistry registry;
  private final String tablePrefix;
  private final CachedValue<Snapshot> snapshot;
  private final Set<String> groupsWithGauge = ConcurrentHashMap.newKeySet();

  public OpenTaskMetrics(
      JdbcClient jdbc,
      MeterRegistry registry,
      ProcessEngine processEngine,
      MetricsProperties properties) {
    this.jdbc = jdbc;
    this.registry = registry;
    String prefix =
        ((ProcessEngineImpl) processEngine)
            .getProcessEngineConfiguration()
            .getDatabaseTablePrefix();
    this.tablePrefix = prefix == null ? "" : prefix;
    this.snapshot = new CachedValue<>(this::query, properties.openTasksCache(), Clock.systemUTC());
    Gauge.builder(OPEN_TASKS_ALL, this, OpenTaskMetrics::openTasksOfAll)
        .description("Open user tasks")
        .strongReference(true)
        .register(registry);
  }

  /** Registers the groups that already have open tasks, so the first scrape shows them. */
  @EventListener(ApplicationReadyEvent.class)
  public void registerKnownGroups() {
    try {
      current();
    } catch (RuntimeException e) {
      log.warn("Open tasks per group not available yet: {}", e.getMessage());
    }
  }

  private Snapshot current() {
    Snapshot s = snapshot.get();
    s.perGroup().keySet().stream().filter(groupsWithGauge::add).forEach(this::registerGroup);
    return s;
  }

  private double openTasksOfAll() {
    try {
      return current().all();
    } catch (RuntimeException e) {
      log.debug("Open tasks not available: {}", e.getMessage());
      return Double.NaN;
    }
  }

  private double openTasksOf(String group) {
    try {
      return current().perGroup().getOrDefault(group, 0L);
    } catch (RuntimeException e) {
      log.debug("Open tasks of group {} not available: {}", group, e.getMessage());
      return Double.NaN;
    }
  }

  private void registerGroup(String group) {
    Gauge.builder(OPEN_TASKS, this, m -> m.openTasksOf(group))
        .description("Open user tasks per candidate group")
        .tag("group", group)
        .strongReference(true)
        .register(registry);
  }

  private Snapshot query() {
    Map<String, Long> perGroup = new HashMap<>();
    jdbc.sql(
            "select I.GROUP_ID_, count(distinct T.ID_) from "
                + tablePrefix
                + "ACT_RU_TASK T join "
                + tablePrefix
                + "ACT_RU_IDENTITYLINK I on I.TASK_ID_ = T.ID_"
                + " where I.TYPE_ = 'candidate' and I.GROUP_ID_ is not null group by I.GROUP_ID_")
        .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .list()
        .forEach(e -> perGroup.put(e.getKey(), e.getValue()));
    long all =
        jdbc.sql("select count(*) from " + tablePrefix + "ACT_RU_TASK").query(Long.class).single();
    return new Snapshot(all, Map.copyOf(perGroup));
  }
}
