package io.handoff.incident;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the IT incident escalation process under {@code handoff.incident.*}. Priorities, SLA
 * targets and support groups are not here: they live in the process's DMN tables.
 *
 * @param categories the incident categories intake accepts and triage offers
 * @param alertmanager how Prometheus Alertmanager alerts become incidents
 * @param onCall who is paged for P1 incidents
 */
@ConfigurationProperties("handoff.incident")
public record IncidentProperties(
    List<String> categories, Alertmanager alertmanager, OnCall onCall) {

  public IncidentProperties {
    categories =
        categories == null || categories.isEmpty()
            ? List.of("network", "hardware", "access", "application", "security", "database")
            : List.copyOf(categories);
    alertmanager =
        alertmanager == null
            ? new Alertmanager(null, null, null, null, null, null, null, null, null)
            : alertmanager;
    onCall = onCall == null ? new OnCall(null) : onCall;
  }

  /**
   * @param impactLabel alert label that carries the impact (HIGH, MEDIUM, LOW) when present
   * @param urgencyLabel alert label that carries the urgency when present
   * @param severityLabel alert label whose value is looked up in {@code severityLevels}
   * @param categoryLabel alert label that carries the incident category when present
   * @param severityLevels severity value to impact and urgency (critical: HIGH, warning: MEDIUM,
   *     info: LOW)
   * @param defaultLevel impact and urgency when neither labels nor severity say
   * @param reporter the reporter recorded for incidents opened from alerts
   * @param groupedAlertnames alert names whose alerts of one Alertmanager group open one parent
   *     incident, the alerts linked as its children (empty: every alert opens its own incident)
   * @param groupLabel an alert carrying this label with the value {@code true} is grouped so too
   */
  public record Alertmanager(
      String impactLabel,
      String urgencyLabel,
      String severityLabel,
      String categoryLabel,
      Map<String, Level> severityLevels,
      Level defaultLevel,
      String reporter,
      List<String> groupedAlertnames,
      String groupLabel) {
    public Alertmanager {
      impactLabel = blankTo(impactLabel, "impact");
      urgencyLabel = blankTo(urgencyLabel, "urgency");
      severityLabel = blankTo(severityLabel, "severity");
      categoryLabel = blankTo(categoryLabel, "category");
      severityLevels =
          severityLevels == null || severityLevels.isEmpty()
              ? Map.of("critical", Level.HIGH, "warning", Level.MEDIUM, "info", Level.LOW)
              : Map.copyOf(severityLevels);
      defaultLevel = defaultLevel == null ? Level.MEDIUM : defaultLevel;
      reporter = blankTo(reporter, "alertmanager");
      groupedAlertnames = groupedAlertnames == null ? List.of() : List.copyOf(groupedAlertnames);
      groupLabel = blankTo(groupLabel, "handoff_group");
    }
  }

  /**
   * @param recipient the on-call rota address paged for P1 incidents
   */
  public record OnCall(String recipient) {
    public OnCall {
      recipient = blankTo(recipient, "on-call");
    }
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
