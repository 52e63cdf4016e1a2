package io.handoff.platform.insights;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Process insights under {@code handoff.insights.*} (docs/insights.md).
 *
 * @param groups platform groups whose members may read {@code /api/insights/**} and the {@code
 *     /insights/} page
 * @param defaultPeriod the period a request without {@code from} covers, ending at {@code to} (by
 *     default now on the engine's clock)
 * @param maxPeriod the longest period one request may cover
 * @param maxInstances the most process instances one request may read; a period holding more is
 *     refused (400) so that one request never reads the whole history
 * @param responseLookback how far before a period incidents are read whose response deadline may
 *     fall into it (longer than the longest response target in incident-sla-targets.dmn)
 * @param metricsCache how long the Prometheus gauges' figures are reused before the next queries
 */
@ConfigurationProperties("handoff.insights")
public record InsightsProperties(
    @DefaultValue({"camunda-admin", "process-leads", "auditors"}) List<String> groups,
    @DefaultValue("30d") Duration defaultPeriod,
    @DefaultValue("400d") Duration maxPeriod,
    @DefaultValue("200000") int maxInstances,
    @DefaultValue("30d") Duration responseLookback,
    @DefaultValue("30s") Duration metricsCache) {}
