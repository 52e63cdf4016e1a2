package io.handoff.platform.decision;

import io.handoff.platform.engine.EngineClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one binding rule for decisions: a process instance uses, for every decision table, the
 * version that was the latest when the instance started. Redeploying a table (from Camunda Modeler
 * or with the process) changes new instances only; running ones finish on the rules they started
 * with. An instance started in the current transaction, or under history level {@code none}, uses
 * the latest version.
 *
 * <p>Versions per decision key are cached with the engine time they were read; an instance that
 * started after that time makes the cache read them again, so a deployment on another node is seen.
 * Start times of running instances are cached (bounded).
 */
@Component
public class RuleBinding {

  /** One deployed version of a decision. */
  public record Version(String definitionId, int version, Instant deployedAt) {}

  private record Versions(NavigableMap<Instant, Version> byDeployTime, Instant readAt) {}

  private static final int STARTS_CACHED = 10_000;

  /**
   * How long the versions read for a new instance stay good: a deployment on this node clears them
   * at once ({@link #forget()}), one on another node is seen within this time.
   */
  static final Duration FRESH_FOR = Duration.ofSeconds(5);

  private final JdbcClient jdbc;
  private final Map<String, Versions> versions = new ConcurrentHashMap<>();
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
    Versions known = versions.get(decisionKey);
    boolean stale =
        known == null
            || known.byDeployTime().isEmpty()
            || (at != null && at.isAfter(known.readAt()))
            || (at == null && now.isAfter(known.readAt().plus(FRESH_FOR)));
    if (stale) {
      known = read(decisionKey);
    }
    Instant bindingTime = at == null ? known.readAt() : at;
    if (known.byDeployTime().isEmpty()) {
      throw new IllegalStateException("Decision '" + decisionKey + "' is not deployed");
    }
    Map.Entry<Instant, Version> floor = known.byDeployTime().floorEntry(bindingTime);
    // Started before any version was deployed (an engine clock set back): the latest.
    return floor == null ? latest(known) : floor.getValue();
  }

  /** Forgets the versions read so far (after a deployment). */
  public void forget() {
    versions.clear();
  }

  private static Version latest(Versions known) {
    return known.byDeployTime().values().stream()
        .max((a, b) -> Integer.compare(a.version(), b.version()))
        .orElseThrow();
  }

  private Instant startOf(String processInstanceId) {
    Instant cached = starts.get(processInstanceId);
    if (cached != null) {
      return cached;
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

  private Versions read(String decisionKey) {
    Instant readAt = EngineClock.now();
    NavigableMap<Instant, Version> byTime = new TreeMap<>();
    jdbc.sql(
            """
            SELECT d.ID_, d.VERSION_, p.DEPLOY_TIME_ FROM ACT_RE_DECISION_DEF d
            JOIN ACT_RE_DEPLOYMENT p ON p.ID_ = d.DEPLOYMENT_ID_
            WHERE d.KEY_ = ? AND d.TENANT_ID_ IS NULL ORDER BY d.VERSION_
            """)
        .param(decisionKey)
        .query(
            (rs, i) -> new Version(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
        .list()
        // Two versions deployed at the same instant: the higher version wins.
        .forEach(v -> byTime.put(v.deployedAt(), v));
    Versions fresh = new Versions(byTime, readAt);
    versions.put(decisionKey, fresh);
    return fresh;
  }
}
