package io.handoff.platform.decision;

import io.handoff.platform.engine.EngineClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one binding rule for decisions: a process instance uses, for every decision table, the
 * version that was the latest when the instance started. Redeploying a table (from Camunda Modeler
 * or with the process) changes new instances only; running ones finish on the rules they started
 * with. An instance started in the current transaction, or under history level {@code none}, uses
 * the latest version.
 *
 * <p>The versions of all decisions are cached with the engine time they were read (one query); an
 * instance that started after that time makes the cache read them again, so a deployment on another
 * node is seen by the next instance that starts, and every evaluation of one instance, in the
 * transaction that starts it or later, binds to the same start time: the start time of an instance
 * that is not yet committed is read from the engine's pending history. Start times of running
 * instances are cached (bounded). A deployment is bound by its deploy time, which the engine sets
 * when the deployment begins: an instance that starts while another node's deployment is still
 * being written (milliseconds) may see it only from its next transaction on.
 */
@Component
public class RuleBinding {

  /** One deployed version of a decision. */
  public record Version(String definitionId, int version, Instant deployedAt) {}

  private record Versions(Map<String, NavigableMap<Instant, Version>> byKey, Instant readAt) {}

  private static final int STARTS_CACHED = 10_000;

  /**
   * How long the versions read stay good for a decision about no process instance: a deployment on
   * this node clears them at once ({@link #forget()}), one on another node is seen within this
   * time.
   */
  static final Duration FRESH_FOR = Duration.ofSeconds(5);

  private final JdbcClient jdbc;
  private volatile Versions versions;
  private final Map<String, Instant> starts =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
              return size() > STARTS_CACHED;
            }
          });

  public RuleBinding(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The version of {@code decisionKey} that the process instance uses. */
  public Version versionFor(String processInstanceId, String decisionKey) {
    Instant at = processInstanceId == null ? null : startOf(processInstanceId);
    Instant now = EngineClock.now();
    Versions known = versions;
    boolean stale =
        known == null
            || !known.byKey().containsKey(decisionKey)
            // read under an engine clock that was moved back since: read again
            || known.readAt().isAfter(now)
            || (at != null && at.isAfter(known.readAt()))
            || (at == null && now.isAfter(known.readAt().plus(FRESH_FOR)));
    if (stale) {
      known = read();
    }
    NavigableMap<Instant, Version> byTime = known.byKey().get(decisionKey);
    if (byTime == null || byTime.isEmpty()) {
      throw new IllegalStateException("Decision '" + decisionKey + "' is not deployed");
    }
    Instant bindingTime = at == null ? known.readAt() : at;
    Map.Entry<Instant, Version> floor = byTime.floorEntry(bindingTime);
    // Started before any version was deployed (an engine clock set back): the latest.
    return floor == null ? latest(byTime) : floor.getValue();
  }

  /** Forgets the versions read so far (after a deployment). */
  public void forget() {
    versions = null;
  }

  private static Version latest(NavigableMap<Instant, Version> byTime) {
    return byTime.values().stream()
        .max((a, b) -> Integer.compare(a.version(), b.version()))
        .orElseThrow();
  }

  private Instant startOf(String processInstanceId) {
    Instant cached = starts.get(processInstanceId);
    if (cached != null) {
      return cached;
    }
    CommandContext context = Context.getCommandContext();
    HistoricProcessInstanceEventEntity pending =
        context == null
            ? null
            : context
                .getDbEntityManager()
                .getCachedEntity(HistoricProcessInstanceEventEntity.class, processInstanceId);
    if (pending != null && pending.getStartTime() != null) {
      // started in this transaction: its start time as it will be written
      return pending.getStartTime().toInstant();
    }
    Instant start =
        jdbc.sql("SELECT START_TIME_ FROM ACT_HI_PROCINST WHERE PROC_INST_ID_ = ?")
            .param(processInstanceId)
            .query(Timestamp.class)
            .optional()
            .map(Timestamp::toInstant)
            .orElse(null);
    if (start != null) {
      starts.put(processInstanceId, start);
    }
    return start;
  }

  private Versions read() {
    Instant readAt = EngineClock.now();
    Map<String, NavigableMap<Instant, Version>> byKey = new HashMap<>();
    jdbc.sql(
            """
            SELECT d.KEY_, d.ID_, d.VERSION_, p.DEPLOY_TIME_ FROM ACT_RE_DECISION_DEF d
            JOIN ACT_RE_DEPLOYMENT p ON p.ID_ = d.DEPLOYMENT_ID_
            WHERE d.TENANT_ID_ IS NULL ORDER BY d.KEY_, d.VERSION_
            """)
        .query(
            rs -> {
              Version v =
                  new Version(rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant());
              // Two versions deployed at the same instant: the higher version wins.
              byKey.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(v.deployedAt(), v);
            });
    Versions fresh = new Versions(byKey, readAt);
    versions = fresh;
    return fresh;
  }
}
