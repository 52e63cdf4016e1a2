package io.handoff.platform.insights;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.insights.InsightsService.OpenWork;
import io.handoff.platform.insights.InsightsService.Period;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prometheus gauges from the same source as the insights API: the database, read at most once per
 * {@code handoff.insights.metrics-cache} however many scrapes (and gauges) ask in between, so they
 * survive restarts and agree across nodes (use {@code max}, not {@code sum}, across nodes).
 *
 * <ul>
 *   <li>{@code handoff_insights_open_work{group}}: open user tasks per candidate group;
 *   <li>{@code handoff_insights_open_work_oldest_seconds{group}}: the age of its oldest;
 *   <li>{@code handoff_insights_sla_breaches_24h{kind="response"|"resolution"}}: incident SLA
 *       breaches in the last 24 hours on the engine's clock;
 *   <li>{@code handoff_insights_straight_through_rate_24h}: share of the invoices completed in the
 *       last 24 hours that no person touched (NaN when none completed).
 * </ul>
 */
@Component
public class InsightsMetrics {

  public static final String OPEN_WORK = "handoff.insights.open.work";
  public static final String OPEN_WORK_OLDEST = "handoff.insights.open.work.oldest.seconds";
  public static final String SLA_BREACHES = "handoff.insights.sla.breaches.24h";
  public static final String STRAIGHT_THROUGH = "handoff.insights.straight.through.rate.24h";

  private static final Logger log = LoggerFactory.getLogger(InsightsMetrics.class);
  private static final Duration DAY = Duration.ofHours(24);

  /** Everything the gauges show, read in one go. */
  record Snapshot(
      Instant at,
      Map<String, OpenWork> openWork,
      long responseBreaches,
      long resolutionBreaches,
      double straightThroughRate) {}

  private final InsightsService insights;
  private final MeterRegistry registry;
  private final LoadingCache<String, Snapshot> snapshot;
  private final Set<String> groupsWithGauge = ConcurrentHashMap.newKeySet();

  public InsightsMetrics(
      InsightsService insights, MeterRegistry registry, InsightsProperties props) {
    this.insights = insights;
    this.registry = registry;
    this.snapshot =
        Caffeine.newBuilder()
            .expireAfterWrite(props.metricsCache())
            .maximumSize(1)
            .build(key -> read());
    gauge(SLA_BREACHES, "Incident SLA breaches in the last 24 hours", s -> s.responseBreaches())
        .tag("kind", "response")
        .register(registry);
    gauge(SLA_BREACHES, "Incident SLA breaches in the last 24 hours", s -> s.resolutionBreaches())
        .tag("kind", "resolution")
        .register(registry);
    gauge(
            STRAIGHT_THROUGH,
            "Share of invoices completed in the last 24 hours with no person involved",
            Snapshot::straightThroughRate)
        .register(registry);
  }

  /** Registers the groups that have open work now, so the first scrape shows them. */
  @EventListener(ApplicationReadyEvent.class)
  public void registerKnownGroups() {
    try {
      current();
    } catch (RuntimeException e) {
      log.warn("Insights gauges not available yet: {}", e.getMessage());
    }
  }

  Snapshot current() {
    Snapshot s = snapshot.get("now");
    s.openWork().keySet().stream().filter(groupsWithGauge::add).forEach(this::registerGroup);
    return s;
  }

  private Snapshot read() {
    Instant now = EngineClock.now();
    Period day = new Period(now.minus(DAY), now);
    long[] breaches = insights.slaBreaches(day);
    var stp = insights.invoiceStraightThrough(day);
    return new Snapshot(
        now,
        insights.openWork().stream().collect(Collectors.toMap(OpenWork::group, w -> w)),
        breaches[0],
        breaches[1],
        stp.rate() == null ? Double.NaN : stp.rate().doubleValue());
  }

  private void registerGroup(String group) {
    gauge(
            OPEN_WORK,
            "Open user tasks per candidate group",
            s -> s.openWork().containsKey(group) ? s.openWork().get(group).open() : 0)
        .tag("group", group)
        .register(registry);
    gauge(
            OPEN_WORK_OLDEST,
            "Age of the oldest open user task per candidate group",
            s -> {
              OpenWork w = s.openWork().get(group);
              return w == null || w.oldestCreated() == null
                  ? 0
                  : Duration.between(w.oldestCreated(), s.at()).toMillis() / 1000.0;
            })
        .tag("group", group)
        .register(registry);
  }

  private Gauge.Builder<InsightsMetrics> gauge(
      String name, String description, ToDoubleFunction<Snapshot> value) {
    return Gauge.builder(
            name,
            this,
            m -> {
              try {
                return value.applyAsDouble(m.current());
              } catch (RuntimeException e) {
                log.debug("Insights gauge {} not available: {}", name, e.getMessage());
                return Double.NaN;
              }
            })
        .description(description)
        .strongReference(true);
  }
}
