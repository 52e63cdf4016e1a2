package io.handoff.incident;

import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns Alertmanager alerts into incident reports. Impact and urgency come from the configured
 * impact and urgency labels when an alert carries them, else from its severity (critical: HIGH,
 * warning: MEDIUM, info: LOW), else the configured default. The title is {@code
 * annotations.summary}, else the {@code alertname} label.
 */
@Component
public class AlertmanagerMapping {

  private final IncidentProperties.Alertmanager settings;
  private final IncidentIntakeRules rules;

  public AlertmanagerMapping(IncidentProperties properties, IncidentIntakeRules rules) {
    this.settings = properties.alertmanager();
    this.rules = rules;
  }

  /**
   * @throws InvalidRequestException naming every bad field of every alert; nothing is mapped then
   */
  public List<AlertIntake> map(AlertmanagerNotification notification) {
    List<FieldProblem> problems = new ArrayList<>();
    List<AlertIntake> intakes = new ArrayList<>();
    tooLong("commonAnnotations", notification.commonAnnotations(), problems);
    for (int i = 0; i < notification.alerts().size(); i++) {
      AlertmanagerNotification.Alert alert = notification.alerts().get(i);
      String at = "alerts[" + i + "]";
      Map<String, String> labels = alert.labels();
      Map<String, String> annotations =
          alert.annotations() == null ? Map.of() : alert.annotations();
      tooLong(at + ".annotations", annotations, problems);
      Level severityLevel = severity(labels);
      Level impact = level(labels, settings.impactLabel(), severityLevel, at, problems);
      Level urgency = level(labels, settings.urgencyLabel(), severityLevel, at, problems);
      String title = firstNonBlank(annotations.get("summary"), labels.get("alertname"));
      if (title == null) {
        problems.add(
            new FieldProblem(
                at + ".labels.alertname", "required when annotations.summary is absent"));
      }
      String category = labels.get(settings.categoryLabel());
      problems.addAll(rules.categoryProblems(at + ".labels." + settings.categoryLabel(), category));
      if (title == null || impact == null || urgency == null) {
        continue;
      }
      String description =
          join(
              annotations.get("description"),
              alert.generatorURL(),
              "Alert started " + alert.startsAt());
      if (description.length() > IncidentIntakeRules.DESCRIPTION_MAX) {
        // The annotation, the alert's link and its start make the incident's description.
        problems.add(
            new FieldProblem(
                at + ".annotations.description",
                IncidentIntakeRules.tooLong(IncidentIntakeRules.DESCRIPTION_MAX)
                    + " with the alert's generatorURL and start time"));
        continue;
      }
      NewIncident incident =
          new NewIncident(
              truncate(title, IncidentIntakeRules.TITLE_MAX),
              description,
              settings.reporter(),
              truncate(
                  firstNonBlank(labels.get("service"), labels.get("instance"), labels.get("job")),
                  200),
              impact,
              urgency,
              category,
              KnownRequest.NONE,
              IncidentSource.ALERTMANAGER,
              alert.fingerprint());
      String alertname = labels.get("alertname");
      boolean grouped =
          (alertname != null && settings.groupedAlertnames().contains(alertname))
              || "true".equalsIgnoreCase(labels.get(settings.groupLabel()));
      intakes.add(
          new AlertIntake(
              alert.fingerprint(),
              "firing".equals(alert.status()),
              incident,
              grouped ? groupOf(notification, alertname) : null,
              alertname));
    }
    InvalidRequestException.throwIfAny(problems);
    return intakes;
  }

  /** The Alertmanager group of a notification: its groupKey, else its group labels. */
  private static String groupOf(AlertmanagerNotification notification, String alertname) {
    if (notification.groupKey() != null && !notification.groupKey().isBlank()) {
      return notification.groupKey();
    }
    if (notification.groupLabels() != null && !notification.groupLabels().isEmpty()) {
      return new java.util.TreeMap<>(notification.groupLabels()).toString();
    }
    return "alertname=" + alertname;
  }

  /** Every annotation is kept in full up to the description limit; longer ones are refused. */
  private static void tooLong(String at, Map<String, String> annotations, List<FieldProblem> out) {
    if (annotations == null) {
      return;
    }
    annotations.forEach(
        (name, value) -> {
          if (value != null && value.length() > IncidentIntakeRules.DESCRIPTION_MAX) {
            out.add(
                new FieldProblem(
                    at + "." + name,
                    IncidentIntakeRules.tooLong(IncidentIntakeRules.DESCRIPTION_MAX)));
          }
        });
  }

  private Level severity(Map<String, String> labels) {
    String severity = labels.get(settings.severityLabel());
    if (severity == null) {
      return settings.defaultLevel();
    }
    return settings
        .severityLevels()
        .getOrDefault(severity.toLowerCase(Locale.ROOT), settings.defaultLevel());
  }

  private static Level level(
      Map<String, String> labels,
      String label,
      Level fallback,
      String at,
      List<FieldProblem> problems) {
    String value = labels.get(label);
    if (value == null) {
      return fallback;
    }
    Level level = IncidentIntakeRules.level(value);
    if (level == null) {
      problems.add(
          new FieldProblem(
              at + ".labels." + label, "must be one of " + Arrays.toString(Level.values())));
    }
    return level;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  private static String join(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(p);
      }
    }
    return sb.toString();
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
