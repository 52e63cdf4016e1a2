package io.handoff.platform.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform metrics under {@code handoff.metrics.*}.
 *
 * @param openTasksCache how long the open-tasks-per-group figures are reused before the next
 *     grouped query (scrapes from several Prometheus servers then cost one query)
 * @param engineMetricsCache how long the engine's own metrics (summed over all nodes from the
 *     engine's meter log) and the incident count are reused
 */
@ConfigurationProperties("handoff.metrics")
public record MetricsProperties(
    @DefaultValue("5s") Duration openTasksCache,
    @DefaultValue("30s") Duration engineMetricsCache) {}
